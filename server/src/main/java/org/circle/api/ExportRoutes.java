package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.circle.community.CommunityEvents;
import org.circle.community.Role;
import org.circle.theme.ThemeEvents;
import org.circle.error.Refusal;
import org.circle.export.CommunityExport;
import org.circle.export.MemberData;
import org.circle.export.SponsorExport;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.Schema;
import org.circle.theme.SponsorView;

/**
 * Downloads, each following the same privacy rules as the screens: a member's own words (JSON or
 * Markdown), a community's boards, themes and sessions for the members in its room (Markdown or
 * CSV), and the released themes and replies for its sponsor (Markdown or CSV), read through the
 * sponsor's own database role like the rest of the sponsor's view.
 */
public final class ExportRoutes {
  static final Operation.Tag TAG = new Operation.Tag("export",
      "Downloads: what I wrote; a community's boards, themes and sessions; the sponsor's released themes.");
  private static final String MARKDOWN = "text/markdown";
  private static final String CSV = "text/csv";
  private static final Policy SPONSOR = new Policy.Member(EnumSet.of(Role.SPONSOR));
  private static final Schema.Text MINE = Schema.oneOf("json", "markdown").byDefault("json");
  private static final Schema.Text TABLES = Schema.oneOf("markdown", "csv").byDefault("markdown");

  private final MemberData memberData;
  private final CommunityExport community;
  private final SponsorView sponsorView;
  private final CommunityEvents events;

  public ExportRoutes(MemberData memberData, CommunityExport community, SponsorView sponsorView, CommunityEvents events) {
    this.memberData = memberData;
    this.community = community;
    this.sponsorView = sponsorView;
    this.events = events;
  }

  public void register(Api api) {
    api.get("/account/export").id("exportMyData").tag(TAG)
        .summary("Download everything I wrote: cards, comments, group titles, journal, consent answers and notes, proposals, experiments")
        .allow(Policy.NOT_ONLY_SPONSOR)
        .param(Operation.Parameter.query("format", MINE, "json or markdown"))
        .downloads(200, "The download (Content-Disposition: attachment)", Optional.of(MemberData.SCHEMA), MARKDOWN)
        .handle(this::mine);
    api.get("/communities/:communityId/export").id("exportCommunity").tag(TAG)
        .summary("Download the community's boards (cards, groups, comments, vote totals), themes and sessions; "
            + "no author on anonymous boards, no card still written in silence, never a journal")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .param(Operation.Parameter.query("format", TABLES, "markdown or csv"))
        .downloads(200, "The download (Content-Disposition: attachment)", Optional.empty(), MARKDOWN, CSV)
        .handle(this::community);
    api.get("/communities/:communityId/sponsor/export").id("exportReleasedThemes").tag(SponsorRoutes.TAG)
        .summary("Download the released themes and replies (each counts as opened, which the members see); "
            + "the Markdown also has the sessions' figures as the sponsor's page shows them")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .param(Operation.Parameter.query("format", TABLES, "markdown or csv"))
        .downloads(200, "The download (Content-Disposition: attachment)", Optional.empty(), MARKDOWN, CSV)
        .handle(this::sponsor);
  }

  private Future<Reply> mine(Call call) {
    String format = format(call, MINE);
    String name = "circle-my-data-" + today();
    return memberData.of(call.principal().accountId()).map(data -> format.equals("json")
        ? Reply.download("application/json", name + ".json", data.encodePrettily())
        : Reply.download(MARKDOWN, name + ".md", MemberData.markdown(data)));
  }

  private Future<Reply> community(Call call) {
    String format = format(call, TABLES);
    UUID id = call.communityId();
    String name = "circle-community-" + today();
    return format.equals("csv")
        ? community.csv(id).map(text -> Reply.download(CSV, name + ".csv", text))
        : community.markdown(id).map(text -> Reply.download(MARKDOWN, name + ".md", text));
  }

  private Future<Reply> sponsor(Call call) {
    String format = format(call, TABLES);
    UUID id = call.communityId();
    String name = "circle-released-themes-" + today();
    // Everything a format needs is read before the export, which records that the sponsor opened the themes.
    Future<Function<JsonArray, Reply>> writer = format.equals("csv")
        ? sponsorView.overview(id).map(o -> themes -> Reply.download(CSV, name + ".csv", SponsorExport.csv(themes)))
        : Future.all(sponsorView.overview(id), sponsorView.sessions(id)).map(read -> themes -> Reply.download(MARKDOWN, name + ".md",
            SponsorExport.markdown(read.<JsonObject>resultAt(0), read.<JsonObject>resultAt(1), themes)));
    return writer.compose(write -> sponsorView.export(id, call.principal().accountId()).map(themes -> {
      // The members see that the sponsor opened their themes.
      if (!themes.isEmpty()) events.publish(id, ThemeEvents.ROOM);
      return write.apply(themes);
    }));
  }

  /** The {@code ?format=} asked for, its default when none is; 400 for any other. */
  private static String format(Call call, Schema.Text allowed) {
    List<String> asked = call.ctx().queryParams().getAll("format");
    if (asked.isEmpty()) return allowed.defaultValue();
    if (asked.size() == 1 && allowed.values().contains(asked.get(0))) return asked.get(0);
    throw Refusal.invalid("Parameter 'format' must be one of: " + String.join(", ", allowed.values()) + ".");
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }
}
