package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.circle.community.CommunityEvents;
import org.circle.community.Role;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.input.Schema;
import org.circle.theme.ThemeSchemas;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.theme.SponsorView;
import org.circle.theme.ThemeEvents;
import org.circle.theme.Themes;

/**
 * The sponsor's view: released themes, how often sessions were held and how they went (under the
 * minimum of 3), and a reply to each theme. Every read goes through {@link SponsorView}, on the
 * sponsor's own database role, which cannot read room content.
 */
public final class SponsorRoutes {
  private static final Policy SPONSOR = new Policy.Member(EnumSet.of(Role.SPONSOR));
  /** A session ended: the sponsor's view counts one more session held (published by the session routes). */
  static final String SESSION_HELD = "held";
  /** What a sponsor's page hears of: changes to its own view, never the room's activity. */
  private static final Set<String> SPONSOR_EVENTS = Set.of(ThemeEvents.RELEASED, SESSION_HELD, "mandate", "phase");
  static final Operation.Tag TAG = new Operation.Tag("sponsor",
      "The sponsor's view: released themes, how often sessions were held and how they went (nothing below 3 people), and replies, "
          + "read through a database role that cannot reach room content.");
  private static final Operation.Parameter THEME = Operation.Parameter.path("themeId", Schema.uuid(), "The released theme");
  private static final Schema.Obj REPLY = Schema.object().required("text", Schema.text(1, SponsorView.MAX_REPLY)).named("ThemeReply");

  private final SponsorView view;
  private final CommunityEvents events;
  private final CommunityEventStream streams;

  public SponsorRoutes(SponsorView view, CommunityEvents events, CommunityEventStream streams) {
    this.view = view;
    this.events = events;
    this.streams = streams;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/sponsor";
    api.get(base).id("getSponsorOverview").tag(TAG)
        .summary("The sponsor's overview: the community's name and phase, sessions held, themes released")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .answers(200, "The overview", ThemeSchemas.SPONSOR_OVERVIEW)
        .handle(call -> view.overview(call.communityId()).map(Reply::ok));
    api.get(base + "/sessions").id("getSponsorSessions").tag(TAG)
        .summary("How often the community met and how its sessions went: each session held by its day, how many took part "
            + "and how safe it felt (each only from 3 people up), sessions per month and the usual days between sessions")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .answers(200, "The sessions held", ThemeSchemas.SPONSOR_SESSIONS)
        .handle(call -> view.sessions(call.communityId()).map(Reply::ok));
    api.get(base + "/themes").id("listReleasedThemes").tag(TAG)
        .summary("Released themes: title, category and contributors as a band; a withdrawn one as 'withdrawn' alone")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .answers(200, "Newest first", Schema.list(ThemeSchemas.SPONSOR_THEME))
        .handle(call -> view.themes(call.communityId()).map(Reply::ok));
    api.get(base + "/themes/:themeId").id("openReleasedTheme").tag(TAG)
        .summary("Open a released theme, with its summary (the members see that the sponsor opened it)")
        .allow(SPONSOR).param(Params.COMMUNITY).param(THEME)
        .answers(200, "The theme", ThemeSchemas.SPONSOR_THEME)
        .handle(this::open);
    // Any member may ask; anyone but the sponsor gets the answer for a theme that does not exist.
    api.put(base + "/themes/:themeId/reply").id("replyToTheme").tag(TAG)
        .summary("The sponsor's reply to a released theme ('you said, we did'); anyone else gets the answer for a missing theme")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY).param(THEME)
        .body(REPLY, new JsonObject().put("text", "We have protected Friday afternoons for reflection."))
        .answers(200, "The theme with the reply", ThemeSchemas.SPONSOR_THEME)
        .handle(this::reply);
    api.get(base + "/events").id("streamSponsorEvents").tag(TAG)
        .summary("Live changes in the sponsor's view (Server-Sent Events), never what the room is doing")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .streams(200, "text/event-stream", "Server-Sent Events: one 'change' event with data {\"kind\": ...} whenever "
            + "a theme is released or withdrawn, a reply is sent, a session ends, or the mandate or phase changes")
        .handle(this::stream);
  }

  private Future<Reply> open(Call call) {
    UUID community = call.communityId();
    return view.open(community, call.uuid("themeId"), call.principal().accountId()).map(theme -> {
      if ("released".equals(theme.getString("status"))) events.publish(community, ThemeEvents.ROOM);
      return Reply.ok(theme);
    });
  }

  private Future<Reply> reply(Call call) {
    UUID theme = call.uuid("themeId");
    if (call.role().orElseThrow() != Role.SPONSOR) throw Themes.notFound();
    String text = call.body().string("text");
    UUID community = call.communityId();
    return view.reply(community, theme, call.principal().accountId(), text)
        .compose(v -> view.open(community, theme, call.principal().accountId()))
        .map(json -> {
          events.publish(community, ThemeEvents.ROOM);
          events.publish(community, ThemeEvents.RELEASED);
          return Reply.ok(json);
        });
  }

  /** The community's event stream, with only what concerns the sponsor's view, for as long as they are its sponsor. */
  private Future<Reply> stream(Call call) {
    return streams.stream(call, SPONSOR_EVENTS::contains, role -> role == Role.SPONSOR);
  }

}
