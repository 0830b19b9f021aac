package org.circle.http;

import io.vertx.core.Future;

/** An API handler: an authorized call in, a reply (or a failed future with an {@link Refusal}) out. */
@FunctionalInterface
public interface Endpoint {
  Future<Reply> handle(Call call);
}
