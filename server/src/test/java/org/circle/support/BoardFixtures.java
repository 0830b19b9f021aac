package org.circle.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The shared board fixtures in {@code web/test/fixtures/board/} (described in its README.md):
 * stories of a board that the server's rules, this test client and the browser's
 * {@code web/js/boardstate.js} all run and must agree on.
 */
public final class BoardFixtures {
  public static final Path DIR = Path.of("web", "test", "fixtures");

  private BoardFixtures() {}

  /** One person of a story. */
  public record Person(UUID id, String name, String role) {
    public JsonObject author() {
      return new JsonObject().put("id", id.toString()).put("name", name);
    }
  }

  /** One operation someone sends, and the reason the server refuses it, if it does. */
  public record Step(Person by, JsonObject op, Optional<String> rejected) {}

  /** One wire event as the viewer receives it. */
  public record Event(long seq, JsonObject op, JsonObject author) {}

  public record Story(String file, String description, boolean anonymous, int voteBudget, Person viewer, List<Step> steps,
                      JsonObject expect, Optional<Integer> votesLeft, List<Step> pending, JsonObject expectView) {

    /** The accepted steps, numbered from 1, with the author shown as the protocol shows it to the viewer. */
    public List<Event> events() {
      List<Event> events = new ArrayList<>();
      for (Step s : steps) {
        if (s.rejected().isPresent()) continue;
        boolean shown = !anonymous || s.by().id().equals(viewer.id());
        events.add(new Event(events.size() + 1, s.op(), shown ? s.by().author() : null));
      }
      return events;
    }

    @Override
    public String toString() {
      return file + ": " + description;
    }
  }

  public static List<Story> all() {
    try (Stream<Path> files = Files.list(DIR.resolve("board"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().map(BoardFixtures::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject read(String name) {
    try {
      return new JsonObject(Files.readString(DIR.resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Story read(Path file) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonObject people = json.getJsonObject("people");
    java.util.function.Function<String, Person> person = key -> {
      JsonObject p = people.getJsonObject(key);
      if (p == null) throw new IllegalArgumentException(file + ": nobody called " + key);
      return new Person(UUID.fromString(p.getString("id")), p.getString("name"), p.getString("role"));
    };
    Person viewer = person.apply(json.getString("viewer"));
    List<Step> steps = new ArrayList<>();
    for (Object o : json.getJsonArray("steps")) {
      JsonObject s = (JsonObject) o;
      steps.add(new Step(person.apply(s.getString("by")), s.getJsonObject("op"), Optional.ofNullable(s.getString("rejected"))));
    }
    List<Step> pending = new ArrayList<>();
    for (Object o : json.getJsonArray("pending", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      pending.add(new Step(viewer, s.getJsonObject("op"), Optional.ofNullable(s.getString("rejected"))));
    }
    return new Story(file.getFileName().toString(), json.getString("description"), json.getBoolean("anonymous", false),
        json.getInteger("voteBudget"), viewer, steps, json.getJsonObject("expect"), Optional.ofNullable(json.getInteger("votesLeft")),
        pending, json.getJsonObject("expectView"));
  }
}
