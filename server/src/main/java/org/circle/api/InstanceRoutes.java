package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.circle.http.Api;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.Schema;

/**
 * GET /instance: the address people should open, and the origins the server accepts. A browser
 * that opened Circle at another address (127.0.0.1 for localhost, say), where sign-in and live
 * boards would be refused as cross-site, uses it to go to the right one or to say what to open.
 */
public final class InstanceRoutes {
  static final Operation.Tag TAG = new Operation.Tag("instance", "This Circle server, as a browser needs to know it.");
  private static final Schema.Obj INSTANCE = Schema.object()
      .required("publicUrl", Schema.uri().describe("the address people open (CIRCLE_PUBLIC_URL)"))
      .required("allowedOrigins", Schema.list(Schema.anyText()).describe("origins from which sign-in and live boards work"))
      .named("Instance");

  private final String publicUrl;
  private final Set<String> allowedOrigins;

  public InstanceRoutes(String publicUrl, Set<String> allowedOrigins) {
    this.publicUrl = publicUrl;
    this.allowedOrigins = allowedOrigins;
  }

  public void register(Api api) {
    JsonObject instance = new JsonObject().put("publicUrl", publicUrl)
        .put("allowedOrigins", new JsonArray(allowedOrigins.stream().sorted().toList()));
    api.get("/instance").id("getInstance").tag(TAG).summary("The address to open Circle at, and the origins it accepts")
        .allow(Policy.ANYONE)
        .answers(200, "This server's address", INSTANCE)
        .handle(call -> Future.succeededFuture(Reply.ok(instance.copy())));
  }
}
