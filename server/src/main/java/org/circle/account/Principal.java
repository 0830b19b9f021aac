package org.circle.account;

import java.util.UUID;

/** The signed-in person behind a request or a socket. */
public record Principal(UUID accountId, String displayName, boolean admin, boolean facilitator) {}
