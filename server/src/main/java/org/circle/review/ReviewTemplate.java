package org.circle.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The prompts of a session's review. The default asks what worked well, what could be better and
 * ideas for next time; a facilitator may choose the 4 Fs or head-heart-hands instead. The prompt
 * that looks forward is marked as ideas: those answers are what becomes a proposal.
 */
public enum ReviewTemplate {
  WELL_BETTER_IDEAS("well-better-ideas", "What worked well, what could be better, ideas for next time", List.of(
      new Prompt("well", "What worked well", false),
      new Prompt("better", "What could be better", false),
      new Prompt("ideas", "Ideas for next time", true))),
  FOUR_FS("four-fs", "The 4 Fs: facts, feelings, findings, futures", List.of(
      new Prompt("facts", "Facts: what happened?", false),
      new Prompt("feelings", "Feelings: how did it feel?", false),
      new Prompt("findings", "Findings: what did we learn?", false),
      new Prompt("futures", "Futures: what will we do next time?", true))),
  HEAD_HEART_HANDS("head-heart-hands", "Head, heart and hands", List.of(
      new Prompt("head", "Head: what did you think about or learn?", false),
      new Prompt("heart", "Heart: what did you feel?", false),
      new Prompt("hands", "Hands: what will you do or try?", true)));

  public static final ReviewTemplate DEFAULT = WELL_BETTER_IDEAS;
  /** Every prompt key of every template: the fields an answer may carry. */
  public static final List<String> ALL_PROMPTS = List.of("well", "better", "ideas", "facts", "feelings", "findings", "futures",
      "head", "heart", "hands");

  public record Prompt(String key, String label, boolean ideas) {}

  private final String wireName;
  private final String title;
  private final List<Prompt> prompts;

  ReviewTemplate(String wireName, String title, List<Prompt> prompts) {
    this.wireName = wireName;
    this.title = title;
    this.prompts = prompts;
  }

  public String wireName() {
    return wireName;
  }

  public List<Prompt> prompts() {
    return prompts;
  }

  public boolean asks(String key) {
    return prompts.stream().anyMatch(p -> p.key().equals(key));
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    prompts.forEach(p -> list.add(new JsonObject().put("key", p.key()).put("label", p.label()).put("ideas", p.ideas())));
    return new JsonObject().put("key", wireName).put("name", title).put("prompts", list);
  }

  public static Optional<ReviewTemplate> parse(String wireName) {
    for (ReviewTemplate t : values()) if (t.wireName.equals(wireName)) return Optional.of(t);
    return Optional.empty();
  }
}
