package org.circle.board;

import java.util.UUID;
import org.circle.community.Role;

/**
 * Who proposes an operation, as checked when it arrived: their role in the board's community and
 * whether the community's phase lets boards be written.
 */
public record Actor(UUID accountId, String name, Role role, boolean phaseWritable) {}
