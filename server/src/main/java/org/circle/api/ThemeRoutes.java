package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.circle.community.CommunityEvents;
import org.circle.error.Refusal;
import org.circle.groundrules.Answer;
import org.circle.groundrules.GroundRulesStore;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.JsonBody;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.theme.Category;
import org.circle.theme.CommunityCards;
import org.circle.theme.ThemeEvents;
import org.circle.theme.Themes;

/**
 * Themes inside the room (phase 4): any member proposes one from cards, a facilitator curates
 * it, everyone in the room consents to its exact text, and a facilitator releases it to the
 * sponsor. Themes are room content: sponsors never reach these routes (theirs are SponsorRoutes),
 * and a member who has not consented to the ground rules in force sees none of it.
 */
public final class ThemeRoutes {
  private static final Set<Phase> MAKING = Set.of(Phase.SESSIONS, Phase.REVIEW);
  private static final Set<String> FIELDS = Set.of("title", "summary", "category", "cards");
  static final int MAX_NOTE = 2_000;
  private static final int MAX_CARD_ID = 100;

  private final Themes themes;
  private final CommunityCards cards;
  private final Phases phases;
  private final GroundRulesStore groundRules;
  private final CommunityEvents events;

  public ThemeRoutes(Themes themes, CommunityCards cards, Phases phases, GroundRulesStore groundRules, CommunityEvents events) {
    this.themes = themes;
    this.cards = cards;
    this.phases = phases;
    this.groundRules = groundRules;
    this.events = events;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/themes";
    api.get(base, Policy.IN_THE_ROOM, call -> consented(call)
        .compose(v -> themes.list(call.communityId(), call.principal().accountId())).map(Reply::ok));
    api.get("/communities/:communityId/theme-cards", Policy.IN_THE_ROOM, call -> consented(call)
        .compose(v -> cards.json(call.communityId())).map(boards -> Reply.ok(new JsonObject().put("boards", boards))));
    api.post(base, Policy.IN_THE_ROOM, this::propose);
    api.get(base + "/:themeId", Policy.IN_THE_ROOM, call -> consented(call)
        .compose(v -> themes.one(call.communityId(), call.uuid("themeId"), call.principal().accountId())).map(Reply::ok));
    api.put(base + "/:themeId", Policy.IN_THE_ROOM, this::edit);
    api.delete(base + "/:themeId", Policy.FACILITATOR, call -> themes.discard(call.communityId(), call.uuid("themeId"))
        .map(v -> changed(call, Reply.noContent())));
    api.post(base + "/:themeId/consent-round", Policy.FACILITATOR, this::startRound);
    api.post(base + "/:themeId/consent", Policy.IN_THE_ROOM, this::answer);
    api.post(base + "/:themeId/release", Policy.FACILITATOR, this::release);
    api.post(base + "/:themeId/take-back", Policy.FACILITATOR, this::takeBack);
  }

  /** A member who joined after the ground rules were ratified consents to them before seeing room content. */
  private Future<Void> consented(Call call) {
    return groundRules.hasConsented(call.communityId(), call.principal().accountId()).compose(yes -> yes
        ? Future.succeededFuture()
        : Future.failedFuture(Refusal.conflict("Consent to the ground rules in force first; then you can see and make themes.")));
  }

  private Future<Reply> propose(Call call) {
    Themes.Draft draft = draft(call);
    UUID community = call.communityId();
    return consented(call).compose(v -> phases.require(community, MAKING))
        .compose(v -> themes.propose(community, call.principal().accountId(), draft))
        .compose(id -> themes.one(community, id, call.principal().accountId()))
        .map(theme -> changed(call, Reply.created(theme)));
  }

  private Future<Reply> edit(Call call) {
    Themes.Draft draft = draft(call);
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return consented(call).compose(v -> phases.require(community, MAKING))
        .compose(v -> themes.edit(community, theme, call.principal().accountId(), call.role().orElseThrow(), draft))
        .compose(v -> themes.one(community, theme, call.principal().accountId()))
        .map(json -> changed(call, Reply.ok(json)));
  }

  private Future<Reply> startRound(Call call) {
    call.body(Set.of());
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return phases.require(community, MAKING).compose(v -> themes.startRound(community, theme))
        .compose(v -> themes.one(community, theme, call.principal().accountId()))
        .map(json -> changed(call, Reply.ok(json)));
  }

  private Future<Reply> answer(Call call) {
    JsonBody body = call.body(Set.of("answer", "note"));
    Answer answer = Answer.parse(body.string("answer", 1, 20))
        .orElseThrow(() -> Refusal.invalid("Field 'answer' must be agree, concern or object."));
    String note = body.optionalString("note", 1, MAX_NOTE).orElse(null);
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return consented(call).compose(v -> phases.require(community, MAKING))
        .compose(v -> themes.answer(community, theme, call.principal().accountId(), answer, note))
        .map(agreed -> changed(call, Reply.ok(new JsonObject().put("agreed", agreed))));
  }

  private Future<Reply> release(Call call) {
    call.body(Set.of());
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return phases.require(community, MAKING)
        .compose(v -> themes.release(community, theme, call.principal().accountId()))
        .compose(v -> themes.one(community, theme, call.principal().accountId()))
        .map(json -> {
          events.publish(community, ThemeEvents.RELEASED);
          return changed(call, Reply.ok(json));
        });
  }

  /** Taking a theme back is possible in every phase: the group may always change its mind. */
  private Future<Reply> takeBack(Call call) {
    call.body(Set.of());
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return themes.takeBack(community, theme)
        .compose(v -> themes.one(community, theme, call.principal().accountId()))
        .map(json -> {
          events.publish(community, ThemeEvents.RELEASED);
          return changed(call, Reply.ok(json));
        });
  }

  private Reply changed(Call call, Reply reply) {
    events.publish(call.communityId(), ThemeEvents.ROOM);
    return reply;
  }

  private static Themes.Draft draft(Call call) {
    JsonBody body = call.body(FIELDS);
    String title = body.string("title", 1, 200);
    String summary = body.string("summary", 1, 4_000);
    Category category = Category.parse(body.string("category", 1, 40)).orElseThrow(() -> Refusal.invalid(
        "Field 'category' must be practice_change, enabling_ask, structural_ask or share_with_peers."));
    Object raw = call.ctx().body().asJsonObject().getValue("cards");
    if (!(raw instanceof JsonArray list) || list.isEmpty()) {
      throw Refusal.invalid("Field 'cards' must list the cards behind the theme: [{\"board\": id, \"card\": id}, ...].");
    }
    if (list.size() > 200) throw Refusal.invalid("Field 'cards' has too many items: at most 200.");
    List<Themes.CardRef> refs = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof JsonObject ref) || !(ref.getValue("board") instanceof String board)
          || !(ref.getValue("card") instanceof String card) || card.isEmpty() || card.length() > MAX_CARD_ID || ref.size() != 2) {
        throw Refusal.invalid("Each item of field 'cards' must be {\"board\": id, \"card\": id}.");
      }
      try {
        refs.add(new Themes.CardRef(UUID.fromString(board), card));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("Card " + card + " is not on a board of this community.");
      }
    }
    return new Themes.Draft(title, summary, category, refs.stream().distinct().toList());
  }
}
