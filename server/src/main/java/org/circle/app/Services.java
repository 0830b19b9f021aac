package org.circle.app;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.circle.account.AccountLinks;
import org.circle.api.AccountRoutes;
import org.circle.account.Accounts;
import org.circle.api.AdminRoutes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.circle.account.PasswordHasher;
import org.circle.account.PasswordRules;
import org.circle.account.SignInLimiter;
import org.circle.account.Sessions;
import org.circle.account.ContentWithdrawal;
import org.circle.account.DeviceCookies;
import org.circle.board.BoardDirectory;
import org.circle.board.BoardReloads;
import org.circle.board.BoardWithdrawal;
import org.circle.api.BoardRoutes;
import org.circle.community.Communities;
import org.circle.api.CommunityEventStream;
import org.circle.community.CommunityEvents;
import org.circle.api.CommunityRoutes;
import org.circle.api.MembershipProposals;
import org.circle.api.InvitationRoutes;
import org.circle.community.Invitations;
import org.circle.community.Mailer;
import org.circle.community.SmtpMailer;
import org.circle.config.Config;
import org.circle.api.ConsentRoutes;
import org.circle.api.GroundRulesRoutes;
import org.circle.api.InstanceRoutes;
import org.circle.consent.ConsentRounds;
import org.circle.groundrules.GroundRulesStore;
import org.circle.api.PhaseRoutes;
import org.circle.lifecycle.Phases;
import org.circle.api.MandateRoutes;
import org.circle.mandate.Mandates;
import org.circle.http.Api;
import org.circle.api.JournalRoutes;
import org.circle.api.ExportRoutes;
import org.circle.export.CommunityExport;
import org.circle.export.Erasure;
import org.circle.export.MemberData;
import org.circle.api.SponsorRoutes;
import org.circle.api.ThemeRoutes;
import org.circle.board.BoardLog;
import org.circle.journal.Journal;
import org.circle.theme.CommunityCards;
import org.circle.theme.SponsorView;
import org.circle.theme.Themes;
import org.circle.api.SessionRoutes;
import org.circle.api.ReviewRoutes;
import org.circle.review.Pulses;
import org.circle.review.Reviews;
import org.circle.api.ExperimentRoutes;
import org.circle.session.Experiments;
import org.circle.session.SessionEvents;
import org.circle.session.SessionStore;

/** Wires the stores and routes of every domain concept for one HTTP verticle instance. */
public record Services(
    Config config,
    Pool pool,
    NodeServices node,
    Accounts accounts,
    Sessions sessions,
    PasswordHasher hasher,
    PasswordRules passwordRules,
    SignInLimiter limiter,
    AccountLinks accountLinks,
    Communities communities,
    Invitations invitations,
    Mailer mailer,
    CommunityEvents events,
    Phases phases,
    Mandates mandates,
    GroundRulesStore groundRules,
    BoardDirectory boards,
    ContentWithdrawal withdrawal,
    SessionStore sessionStore,
    SessionEvents sessionEvents,
    BoardReloads boardReloads,
    CommunityCards cards,
    Themes themes,
    SponsorView sponsorView,
    Journal journal) {

  /**
   * For one HTTP verticle instance; {@code node} is shared by all of them. {@code sponsorPool}
   * connects as the sponsor's own database role ({@code db.SponsorRole}); the sponsor's routes
   * read through it alone.
   */
  public static Services create(Vertx vertx, Config config, Pool pool, Pool sponsorPool, int roomShards, NodeServices node) {
    BoardDirectory boards = new BoardDirectory(pool);
    CommunityCards cards = new CommunityCards(boards, new BoardLog(pool));
    return new Services(config, pool, node, new Accounts(pool), new Sessions(pool, config.tlsPublicUrl()),
        node.hasher(), node.passwordRules(), new SignInLimiter(pool), new AccountLinks(pool), new Communities(pool),
        new Invitations(pool), config.smtp().<Mailer>map(smtp -> new SmtpMailer(vertx, smtp)).orElse(Mailer.NONE),
        new CommunityEvents(vertx), new Phases(pool), new Mandates(pool), new GroundRulesStore(pool),
        boards, new BoardWithdrawal(vertx, pool, roomShards),
        new SessionStore(pool, new Phases(pool), new GroundRulesStore(pool), System::currentTimeMillis), new SessionEvents(vertx),
        new BoardReloads(vertx, pool, roomShards), cards, new Themes(pool, cards), new SponsorView(sponsorPool), new Journal(pool));
  }

  public String publicUrl() {
    return config.browserUrl();
  }

  /** A node of one HTTP verticle instance, as in tests that only read the routes (one pool serves as both). */
  public static Services create(Vertx vertx, Config config, Pool pool, int roomShards) {
    return create(vertx, config, pool, pool, roomShards, NodeServices.create(vertx, config, new SimpleMeterRegistry()));
  }

  public Api registerAll(Router router) {
    Api api = new Api(router, sessions, communities, config.allowedOrigins(), node.apiLimiter(), node.clientAddress());
    new AccountRoutes(pool, accounts, sessions, hasher, limiter, new DeviceCookies(pool, config.tlsPublicUrl()), accountLinks,
        withdrawal, passwordRules, new Erasure(pool, withdrawal)).register(api);
    new AdminRoutes(accounts, accountLinks, publicUrl()).register(api);
    new InstanceRoutes(publicUrl(), config.allowedOrigins()).register(api);
    new CommunityRoutes(communities).register(api);
    new InvitationRoutes(pool, invitations, communities, accounts, sessions, hasher, passwordRules, mailer, publicUrl(), events)
        .register(api);
    new MembershipProposals(pool, invitations, phases, events, publicUrl()).register(api);
    CommunityEventStream streams = new CommunityEventStream(events, sessions, communities);
    streams.register(api);
    new MandateRoutes(mandates, phases, events, communities, mailer, publicUrl()).register(api);
    new GroundRulesRoutes(groundRules, phases, events, new BoardLog(pool), boards, boardReloads::reloadCommunity).register(api);
    new ConsentRoutes(new ConsentRounds(), pool).register(api);
    new PhaseRoutes(pool, phases, mandates, groundRules, events).register(api);
    new BoardRoutes(boards).register(api);
    Reviews reviews = new Reviews(pool, sessionStore, groundRules);
    SessionRoutes sessionRoutes = new SessionRoutes(sessionStore, sessionEvents, events, groundRules, communities, sessions,
        reviews::addPending);
    sessionRoutes.register(api);
    new ReviewRoutes(new Pulses(pool), reviews, sessionEvents, events, sessionRoutes::consented, phases).register(api);
    new ExperimentRoutes(new Experiments(pool), sessionEvents, events, sessionRoutes::consented).register(api);
    new ThemeRoutes(themes, cards, phases, groundRules, events).register(api);
    new SponsorRoutes(sponsorView, events, streams).register(api);
    new JournalRoutes(journal).register(api);
    new ExportRoutes(new MemberData(pool, new BoardLog(pool)), new CommunityExport(pool, new BoardLog(pool)), sponsorView, events)
        .register(api);
    api.finish();
    return api;
  }
}
