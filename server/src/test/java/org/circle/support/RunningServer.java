package org.circle.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server for all the tests of a class:
 * {@code @RegisterExtension static final RunningServer circle = new RunningServer();}
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
  private TestServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = TestServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) server.close();
  }

  public TestServer server() {
    return server;
  }
}
