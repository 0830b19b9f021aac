package org.circle.http;

import java.util.EnumSet;
import java.util.Set;
import org.circle.community.Role;

/** Who may call a route. Every API route declares one; the authorization matrix test reads them. */
public sealed interface Policy {

  /** No sign-in needed (sign-in itself, reading an invitation by its secret token). */
  record Anyone() implements Policy {}

  /** Any signed-in person. */
  record SignedIn() implements Policy {}

  /**
   * Anyone signed in who is not only a sponsor: a sponsor of a community who is in no room gets
   * nothing of rooms, not even through routes about their own account (their own export has a route of its own).
   */
  record NotOnlySponsor() implements Policy {}

  /** An instance administrator. */
  record Admin() implements Policy {}

  /** A person an administrator made a facilitator, who may convene new communities. */
  record Convener() implements Policy {}

  /** A member of the community named in the path ({@code :communityId}) holding one of these roles. */
  record Member(Set<Role> roles) implements Policy {}

  Policy ANYONE = new Anyone();
  Policy SIGNED_IN = new SignedIn();
  Policy NOT_ONLY_SPONSOR = new NotOnlySponsor();
  Policy ADMIN = new Admin();
  Policy CONVENER = new Convener();
  Policy ANY_MEMBER = new Member(EnumSet.allOf(Role.class));
  Policy IN_THE_ROOM = new Member(EnumSet.of(Role.PARTICIPANT, Role.FACILITATOR));
  Policy FACILITATOR = new Member(EnumSet.of(Role.FACILITATOR));
}
