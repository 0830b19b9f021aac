package org.circle.review;

import java.util.List;
import java.util.Optional;

/**
 * What a pulse asks and which answers it takes: how safe a session feels (1 to 5), which zone
 * someone is in (comfort, learning, panic), or a process check of the whole community (1 to 5).
 */
public enum PulseKind {
  SAFETY("safety", "How safe does this feel?", true,
      List.of(new Choice("1", "1 – not safe"), new Choice("2", "2"), new Choice("3", "3"), new Choice("4", "4"),
          new Choice("5", "5 – completely safe"))),
  ZONE("zone", "Where are you right now: comfort zone, learning zone or panic zone?", false,
      List.of(new Choice("comfort", "Comfort zone"), new Choice("learning", "Learning zone"), new Choice("panic", "Panic zone"))),
  PROCESS("process", "Is the learning happening the way we expected?", true,
      List.of(new Choice("1", "1 – not at all"), new Choice("2", "2"), new Choice("3", "3"), new Choice("4", "4"),
          new Choice("5", "5 – just as we expected")));

  /** One answer a person may give, with the words the page shows for it. */
  public record Choice(String value, String label) {}

  private final String wireName;
  private final String question;
  private final boolean scale;
  private final List<Choice> choices;

  PulseKind(String wireName, String question, boolean scale, List<Choice> choices) {
    this.wireName = wireName;
    this.question = question;
    this.scale = scale;
    this.choices = choices;
  }

  public String wireName() {
    return wireName;
  }

  public String question() {
    return question;
  }

  /** A scale of 1 to 5, which has a mean; otherwise a choice of words, which has only a distribution. */
  public boolean scale() {
    return scale;
  }

  public List<Choice> choices() {
    return choices;
  }

  public boolean accepts(String value) {
    return choices.stream().anyMatch(c -> c.value().equals(value));
  }

  public static Optional<PulseKind> parse(String wireName) {
    for (PulseKind kind : values()) if (kind.wireName.equals(wireName)) return Optional.of(kind);
    return Optional.empty();
  }
}
