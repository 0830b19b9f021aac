package org.circle.board;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes messages between contexts of one node by reference: no copying, no serialisation. The
 * wire methods are never called on one node; reaching them means a cluster was configured without
 * a wire codec, which must fail loudly rather than lose a board operation.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {
  public static final String NAME = "circle-local";
  /** Local only: in a cluster too, a command goes first to this node's shard, which knows where the board's room is. */
  public static final DeliveryOptions DELIVERY = new DeliveryOptions().setCodecName(NAME).setLocalOnly(true);

  /** Registers the codec once per Vert.x instance. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another deployment on this Vert.x registered it first
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new IllegalStateException("LocalCodec passes room commands within one node only; a clustered event bus needs a wire codec (docs/protocol.md)");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException("LocalCodec passes room commands within one node only; a clustered event bus needs a wire codec (docs/protocol.md)");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
