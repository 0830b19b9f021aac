package org.circle.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A signed-in browser: who it is and the token its page must echo on state-changing requests. */
public record Session(byte[] tokenHash, Principal principal, String csrfToken) {

  public boolean csrfTokenMatches(String presented) {
    return presented != null
        && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
