package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Optional;

/** Finds the signed-in person from a request's headers (its session cookie), and checks later that the sign-in still stands. */
public interface Authenticator {
  Future<Optional<Principal>> authenticate(MultiMap headers);

  /** The session behind a request's headers, with the hash of its token so it can be checked again later. */
  Future<Optional<Session>> session(MultiMap headers);

  /** Whether the session with this token hash still stands: not signed out, not revoked, not expired, its account not deleted. */
  Future<Boolean> stillValid(byte[] tokenHash);
}
