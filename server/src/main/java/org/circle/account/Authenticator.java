package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Optional;

/** Finds the signed-in person from a request's headers (its session cookie). */
public interface Authenticator {
  Future<Optional<Principal>> authenticate(MultiMap headers);
}
