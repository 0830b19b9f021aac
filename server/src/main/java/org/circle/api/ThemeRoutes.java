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
import org.circle.consent.Given;
import org.circle.groundrules.GroundRulesStore;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.input.Schema;
import org.circle.theme.ThemeSchemas;
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
  static final int MAX_NOTE = 2_000;
  static final Operation.Tag TAG = new Operation.Tag("themes",
      "Phase 4 in the room: themes made from cards, consented to on their exact words, released to the sponsor.");
  private static final String NOT_NOW = "Not possible in the community's current phase or the theme's state";
  private static final String CONSENT_FIRST = "Consent to the ground rules in force first";
  private static final Operation.Parameter THEME = Operation.Parameter.path("themeId", Schema.uuid(), "The theme");
  private static final Schema.Obj DRAFT = Schema.object()
      .required("title", Schema.text(1, 200))
      .required("summary", Schema.text(1, 4_000))
      .required("category", ThemeSchemas.CATEGORY)
      .required("cards", Schema.list(Schema.text(3, 140)).between(1, 200)
          .describe("the cards behind the theme, each as boardId/cardId"))
      .named("ThemeDraft");
  private static final Schema.Obj EMPTY = Schema.object().named("Empty");
  private static final Schema.Obj ANSWERED = Schema.object()
      .required("agreed", Schema.bool().describe("everyone in the room now consents"))
      .named("ThemeConsentAnswered");

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
    api.get(base).id("listThemes").tag(TAG)
        .summary("The community's themes with what stands between each and release (threshold, consent, identifying details)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "Every theme as members see it", ThemeSchemas.LIST)
        .refuses(409, CONSENT_FIRST)
        .handle(call -> consented(call).compose(v -> themes.list(call.communityId(), call.principal().accountId())).map(Reply::ok));
    api.get("/communities/:communityId/theme-cards").id("listThemeCards").tag(TAG)
        .summary("The cards on the community's boards, text only (never who wrote them), to choose a theme's cards from")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "Each board with its cards", ThemeSchemas.BOARD_CARDS)
        .refuses(409, CONSENT_FIRST)
        .handle(call -> consented(call).compose(v -> cards.json(call.communityId()))
            .map(boards -> Reply.ok(new JsonObject().put("boards", boards))));
    api.post(base).id("proposeTheme").tag(TAG).summary("Propose a theme from cards of the community's boards")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(DRAFT, example())
        .answers(201, "The new theme", ThemeSchemas.ONE)
        .refuses(409, NOT_NOW)
        .handle(this::propose);
    api.get(base + "/:themeId").id("getTheme").tag(TAG).summary("One theme as members see it")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(THEME)
        .answers(200, "The theme", ThemeSchemas.ONE)
        .refuses(409, CONSENT_FIRST)
        .handle(call -> consented(call)
            .compose(v -> themes.one(call.communityId(), call.uuid("themeId"), call.principal().accountId())).map(Reply::ok));
    api.put(base + "/:themeId").id("editTheme").tag(TAG)
        .summary("Edit a theme (a facilitator curates; the proposer edits their draft); any edit ends the consent round")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(THEME)
        .body(DRAFT, example())
        .answers(200, "The theme, back to a draft", ThemeSchemas.ONE)
        .refuses(409, NOT_NOW)
        .handle(this::edit);
    api.delete(base + "/:themeId").id("discardTheme").tag(TAG).summary("Discard a theme that was never released")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(THEME)
        .answersEmpty(204, "Discarded")
        .refuses(409, "The theme has been released")
        .handle(call -> themes.discard(call.communityId(), call.uuid("themeId")).map(v -> changed(call, Reply.noContent())));
    api.post(base + "/:themeId/consent-round").id("startThemeConsentRound").tag(TAG)
        .summary("Ask everyone in the room to consent to the theme's exact words")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(THEME)
        .body(EMPTY, new JsonObject())
        .answers(200, "The theme, in a consent round", ThemeSchemas.ONE)
        .refuses(409, NOT_NOW)
        .handle(this::startRound);
    api.post(base + "/:themeId/consent").id("answerThemeConsentRound").tag(TAG)
        .summary("Answer the theme's consent round: agree, concern (with a note) or object (with a reason)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(THEME)
        .body(Given.SCHEMA, new JsonObject().put("answer", "agree"))
        .answers(200, "Answered", ANSWERED)
        .refuses(409, "No consent round is running on this theme")
        .handle(this::answer);
    api.post(base + "/:themeId/release").id("releaseTheme").tag(TAG)
        .summary("Release the theme to the sponsor; refused with the reason below k contributors, without consent, "
            + "with an identifying detail, or when comparing releases would reveal someone")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(THEME)
        .body(EMPTY, new JsonObject())
        .answers(200, "The theme, released", ThemeSchemas.ONE)
        .refuses(409, "The theme may not leave the room yet; the detail says why")
        .handle(this::release);
    api.post(base + "/:themeId/take-back").id("takeBackTheme").tag(TAG)
        .summary("Take a released theme back from the sponsor, who then sees only that it was withdrawn")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(THEME)
        .body(EMPTY, new JsonObject())
        .answers(200, "The theme, withdrawn", ThemeSchemas.ONE)
        .refuses(409, "The theme is not with the sponsor")
        .handle(this::takeBack);
  }

  private static JsonObject example() {
    return new JsonObject().put("title", "Time to reflect").put("summary", "We need protected time to think after difficult visits.")
        .put("category", "enabling_ask").put("cards", new JsonArray().add("00000000-0000-0000-0000-000000000000/card-1"));
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
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return phases.require(community, MAKING).compose(v -> themes.startRound(community, theme))
        .compose(v -> themes.one(community, theme, call.principal().accountId()))
        .map(json -> changed(call, Reply.ok(json)));
  }

  private Future<Reply> answer(Call call) {
    Given given = Given.from(call.body());
    UUID community = call.communityId();
    UUID theme = call.uuid("themeId");
    return consented(call).compose(v -> phases.require(community, MAKING))
        .compose(v -> themes.answer(community, theme, call.principal().accountId(), given))
        .map(agreed -> changed(call, Reply.ok(new JsonObject().put("agreed", agreed))));
  }

  private Future<Reply> release(Call call) {
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
    JsonBody body = call.body();
    Category category = Category.parse(body.string("category")).orElseThrow();
    List<Themes.CardRef> refs = new ArrayList<>();
    for (String ref : body.strings("cards")) {
      int slash = ref.indexOf('/');
      try {
        if (slash < 0) throw new IllegalArgumentException();
        refs.add(new Themes.CardRef(UUID.fromString(ref.substring(0, slash)), ref.substring(slash + 1)));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("Card " + ref + " is not on a board of this community: give each card as boardId/cardId.");
      }
    }
    return new Themes.Draft(body.string("title"), body.string("summary"), category, refs.stream().distinct().toList());
  }
}
