package org.circle.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The people and places a scenario needs, made through the HTTP API on a fresh server: a
 * facilitator (the first administrator), a sponsor, communities in co-design, and a pool of
 * participant accounts that belong to every community. Accounts are few and shared by several
 * connections, because each new account costs a deliberate ~130 ms password hash.
 */
final class Stage {
  final CircleApi api;
  final CircleApi.Session facilitator;
  final List<String> communities;
  final List<CircleApi.Session> participants;

  private Stage(CircleApi api, CircleApi.Session facilitator, List<String> communities, List<CircleApi.Session> participants) {
    this.api = api;
    this.facilitator = facilitator;
    this.communities = communities;
    this.participants = participants;
  }

  static Stage prepare(ServerProcess server, int communityCount, int participantCount) {
    CircleApi api = new CircleApi(server.baseUrl());
    CircleApi.Session facilitator = api.firstAdministrator(server.setupToken(java.time.Duration.ofSeconds(60)));
    CircleApi.Session[] sponsor = new CircleApi.Session[1];
    List<String> communities = new ArrayList<>();
    for (int c = 0; c < communityCount; c++) communities.add(api.communityInCodesign(facilitator, "Load community " + c, sponsor));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CircleApi.Session>> created = new ArrayList<>();
      for (int p = 0; p < participantCount; p++) {
        int n = p;
        created.add(pool.submit(() -> api.join(facilitator, communities.get(0), "participant", null,
            "Load Participant " + n, "load-participant-" + n + "@example.org")));
      }
      List<CircleApi.Session> participants = new ArrayList<>();
      for (Future<CircleApi.Session> f : created) participants.add(f.get());
      List<Future<CircleApi.Session>> joined = new ArrayList<>();
      for (int c = 1; c < communities.size(); c++) {
        for (CircleApi.Session p : participants) {
          String community = communities.get(c);
          joined.add(pool.submit(() -> api.join(facilitator, community, "participant", p, null, null)));
        }
      }
      for (Future<CircleApi.Session> f : joined) f.get();
      return new Stage(api, facilitator, communities, participants);
    } catch (Exception e) {
      throw new IllegalStateException("Set-up failed: " + e.getMessage(), e);
    } finally {
      pool.shutdown();
    }
  }

  /** The same people and places, reached through another server on the same database. */
  Stage on(ServerProcess server) {
    return new Stage(new CircleApi(server.baseUrl()), facilitator, communities, participants);
  }

  /** {@code count} fresh boards, spread over the communities round robin. */
  List<String> boards(String runTag, int count) {
    List<String> boards = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      boards.add(api.createBoard(facilitator, communities.get(b % communities.size()), "Load " + runTag + " board " + b));
    }
    return boards;
  }

  CircleApi.Session participant(int i) {
    return participants.get(i % participants.size());
  }
}
