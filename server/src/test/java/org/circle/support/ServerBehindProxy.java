package org.circle.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A server of its own on a fresh database that browsers reach only through a {@link FreezableProxy},
 * so a test can take the network away ({@code network().cut()}) the way Wi-Fi drops, and give it back.
 * The server knows the proxy's address as its public one, so sign-in and live boards accept it.
 */
public final class ServerBehindProxy implements AutoCloseable {
  private final FreezableProxy network;
  private final TestServer server;

  public ServerBehindProxy() throws IOException {
    int serverPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      serverPort = socket.getLocalPort();
    }
    FreezableProxy proxy = new FreezableProxy(serverPort);
    try {
      this.server = TestServer.start(TestDatabases.fresh(), Map.of(
          "CIRCLE_HTTP_PORT", String.valueOf(serverPort),
          "CIRCLE_PUBLIC_URL", "http://localhost:" + proxy.port(),
          "CIRCLE_ALLOWED_ORIGINS", "http://localhost:" + proxy.port() + ",http://localhost:" + serverPort));
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
    this.network = proxy;
  }

  public FreezableProxy network() {
    return network;
  }

  public TestServer server() {
    return server;
  }

  /** The address browsers use: the proxy's. */
  public String site() {
    return "http://localhost:" + network.port();
  }

  /** Opens a page through the proxy, signed in as the person. */
  public void openAs(ChromeDriver browser, TestAccounts.Person person, String hash) {
    browser.get(site() + "/css/circle.css");
    browser.manage().addCookie(new Cookie("circle_session", person.sessionToken()));
    browser.get(site() + "/" + hash);
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      network.close();
    }
  }
}
