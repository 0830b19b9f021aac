package org.circle;

import org.circle.app.Application;
import org.circle.config.Config;
import org.circle.config.ConfigException;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts Circle from environment variables (see README.md) and stops it on SIGTERM or Ctrl-C. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Application app;
    Config config;
    try {
      config = Config.fromEnvironment(System.getenv());
      app = Application.start(config);
    } catch (ConfigException e) {
      System.err.println("circle: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("circle: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "circle-shutdown"));
    System.out.println("Circle is running. Open " + app.config().browserUrl() + " in your browser. Press Ctrl-C to stop.");
  }
}
