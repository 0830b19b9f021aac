package org.circle.protocol;

/** A frame that cannot be accepted, with the typed reason the client is told. */
public final class ProtocolException extends Exception {
  private final ErrorCode code;
  private final String ref;

  public ProtocolException(ErrorCode code, String message, String ref) {
    super(message, null, false, false);
    this.code = code;
    this.ref = ref;
  }

  public ServerMessage.Error toMessage() {
    return new ServerMessage.Error(code, getMessage(), ref);
  }
}
