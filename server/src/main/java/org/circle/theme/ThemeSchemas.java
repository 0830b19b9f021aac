package org.circle.theme;

import org.circle.consent.Answer;
import org.circle.input.Schema;

/** The shapes of what members and sponsors read about themes, declared once for the API's document and checks. */
public final class ThemeSchemas {
  public static final Schema.Text CATEGORY = Schema.oneOf("practice_change", "enabling_ask", "structural_ask", "share_with_peers");
  public static final Schema.Text STATUS = Schema.oneOf("draft", "consulting", "agreed", "released", "withdrawn");
  public static final Schema.Text BAND = Schema.oneOf("3-5", "6-10", "11+");

  static final Schema.Obj CARD = Schema.object()
      .required("board", Schema.uuid())
      .required("boardTitle", Schema.anyText().orNull())
      .required("card", Schema.anyText())
      .required("text", Schema.anyText().orNull().describe("null once the card was withdrawn"))
      .required("withdrawn", Schema.bool())
      .named("ThemeCard");
  static final Schema.Obj CONSENT = Schema.object()
      .required("answers", Schema.list(Schema.object()
          .required("name", Schema.anyText())
          .required("answer", Answer.SCHEMA)
          .required("note", Schema.anyText().orNull())
          .required("mine", Schema.bool())
          .named("ThemeConsentAnswer")))
      .required("blocked", Schema.bool().describe("an objection from someone in the room stands"))
      .required("consented", Schema.bool().describe("everyone in the room consents"))
      .named("ThemeConsent");
  static final Schema.Obj RELEASED = Schema.object()
      .required("status", Schema.oneOf("released", "withdrawn"))
      .required("band", BAND.orNull())
      .required("releasedAt", Schema.dateTime())
      .required("withdrawnAt", Schema.dateTime().orNull())
      .named("ThemeRelease");
  static final Schema.Obj REPLY = Schema.object()
      .required("text", Schema.anyText())
      .required("repliedAt", Schema.dateTime())
      .required("by", Schema.anyText().orNull())
      .named("SponsorReply");
  private static final Schema.Obj THEME_FIELDS = Schema.object()
      .required("id", Schema.uuid())
      .required("title", Schema.anyText())
      .required("summary", Schema.anyText())
      .required("category", CATEGORY)
      .required("status", STATUS)
      .required("round", Schema.whole(0, Integer.MAX_VALUE))
      .required("withdrawnWhy", Schema.oneOf("below_threshold", "taken_back").orNull())
      .required("mine", Schema.bool().describe("I proposed it"))
      .required("cards", Schema.list(CARD))
      .required("enoughContributors", Schema.bool().describe("cards from at least k different people (never the exact count)"))
      .required("identifyingDetails", Schema.list(Schema.anyText()).describe("names, email addresses and phone numbers found in the text"))
      .required("released", RELEASED.orNull())
      .required("reply", REPLY.orNull())
      .required("sponsorOpened", Schema.list(Schema.object()
          .required("openedAt", Schema.dateTime())
          .required("by", Schema.anyText().orNull())
          .named("SponsorOpening")).describe("the most recent times the sponsor opened it"))
      .required("sponsorOpenedCount", Schema.whole(0, Integer.MAX_VALUE))
      .optional("consent", CONSENT);
  public static final Schema.Obj THEME = THEME_FIELDS.named("Theme");
  public static final Schema.Obj ONE = THEME_FIELDS
      .required("threshold", Schema.whole(3, Integer.MAX_VALUE))
      .required("membersInRoom", Schema.whole(0, Integer.MAX_VALUE))
      .named("ThemeWithThreshold");
  public static final Schema.Obj LIST = Schema.object()
      .required("threshold", Schema.whole(3, Integer.MAX_VALUE).describe("k: contributors a theme needs"))
      .required("membersInRoom", Schema.whole(0, Integer.MAX_VALUE))
      .required("themes", Schema.list(THEME))
      .named("Themes");
  public static final Schema.Obj BOARD_CARDS = Schema.object()
      .required("boards", Schema.list(Schema.object()
          .required("id", Schema.uuid())
          .required("title", Schema.anyText())
          .required("cards", Schema.list(Schema.object().required("id", Schema.anyText()).required("text", Schema.anyText())
              .named("CardText")))
          .named("BoardCardTexts")))
      .named("ThemeCardChoices");

  public static final Schema.Obj SPONSOR_OVERVIEW = Schema.object()
      .required("name", Schema.anyText())
      .required("phase", Schema.anyText())
      .required("sessionsHeld", Schema.whole(0, Long.MAX_VALUE))
      .required("releasedThemes", Schema.whole(0, Long.MAX_VALUE))
      .named("SponsorOverview");
  /** How often the community met and how its sessions went, as a sponsor may know it: nothing below 3 people. */
  public static final Schema.Obj SPONSOR_SESSIONS = Schema.object()
      .required("minimum", Schema.whole(3, 3).describe("people (or answers) it takes before a figure is shown"))
      .required("sessions", Schema.list(Schema.object()
          .required("number", Schema.whole(1, Long.MAX_VALUE).describe("the session's place in order, 1 for the first held"))
          .required("heldOn", Schema.text(10, 10).describe("the day it was held (UTC), such as 2026-03-05"))
          .required("tookPart", Schema.whole(3, Long.MAX_VALUE).orNull()
              .describe("how many people joined it; null when fewer than 3 did, or before this was counted"))
          .required("tookPartShown", Schema.oneOf("count", "fewer-than-minimum", "not-counted")
              .describe("count: tookPart is shown; fewer-than-minimum: fewer than 3 people (never how many); "
                  + "not-counted: held before Circle counted who took part"))
          .required("safetyMean", Schema.anyText().orNull()
              .describe("the mean answer, 1 to 5, to its closed 'How safe does this feel?' pulses, such as \"3.7\"; "
                  + "only pulses at least 3 people answered count"))
          .required("safetyShown", Schema.oneOf("mean", "fewer-than-minimum", "not-asked")
              .describe("mean: safetyMean is shown; fewer-than-minimum: asked, but no pulse had 3 answers; not-asked: no safety pulse"))
          .named("SponsorSession")).describe("every session held, oldest first (the latest 500)"))
      .required("perMonth", Schema.list(Schema.object()
          .required("month", Schema.text(7, 7).describe("such as 2026-03"))
          .required("sessions", Schema.whole(0, Long.MAX_VALUE))
          .named("SessionsInMonth")).describe("sessions held each month, from the first session's month to the latest's"))
      .required("usualIntervalDays", Schema.whole(0, Long.MAX_VALUE).orNull()
          .describe("the usual (median) number of days between one session and the next; null before the second session"))
      .named("SponsorSessions");
  public static final Schema.Obj SPONSOR_THEME = Schema.object()
      .required("id", Schema.uuid())
      .required("status", Schema.oneOf("released", "withdrawn").describe("a withdrawn theme shows nothing else"))
      .optional("title", Schema.anyText())
      .optional("category", CATEGORY)
      .optional("contributors", BAND.describe("contributors as a band, never an exact small count"))
      .optional("releasedAt", Schema.dateTime())
      .optional("reply", Schema.object().required("text", Schema.anyText()).required("repliedAt", Schema.dateTime())
          .named("MyReply").orNull())
      .optional("summary", Schema.anyText().describe("when the theme is opened"))
      .named("ReleasedTheme");

  private ThemeSchemas() {}
}
