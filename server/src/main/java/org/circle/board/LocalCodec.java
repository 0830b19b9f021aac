package org.circle.board;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/** Passes messages between contexts of one node by reference: no copying, no serialisation. */
public final class LocalCodec implements MessageCodec<Object, Object> {
  public static final String NAME = "circle-local";
  public static final DeliveryOptions DELIVERY = new DeliveryOptions().setCodecName(NAME);

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
    throw new UnsupportedOperationException("room commands stay on this node");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("room commands stay on this node");
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
