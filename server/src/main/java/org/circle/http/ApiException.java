package org.circle.http;

import java.util.Map;

/** A refusal a person can read: the HTTP status, a short title and what to do about it. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final Map<String, String> headers;

  public ApiException(int status, String title, String detail) {
    this(status, title, detail, Map.of());
  }

  public ApiException(int status, String title, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.headers = headers;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Check what you sent", detail);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Sign in first", "You need to sign in to do this.");
  }

  public static ApiException forbidden() {
    return new ApiException(403, "Not allowed", "Your role does not allow this.");
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "Not found", what + " was not found.");
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "Cannot do that now", detail);
  }
}
