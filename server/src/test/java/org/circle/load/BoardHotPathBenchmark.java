package org.circle.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.circle.board.Actor;
import org.circle.board.BoardEvent;
import org.circle.board.BoardInfo;
import org.circle.board.BoardState;
import org.circle.board.BoardView;
import org.circle.protocol.Colour;
import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;
import org.circle.board.RoomMember;
import org.circle.community.Role;
import org.circle.protocol.ClientMessage;
import org.circle.protocol.Protocol;
import org.circle.protocol.ProtocolException;
import org.circle.protocol.ServerMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The board's per-operation work inside the server, without sockets or the database: what each
 * edit costs the room (decode, validate, apply), what it costs to encode the acknowledgement and
 * the log row, and the room's fan-out of one event to 200 members the way {@code BoardRoom.broadcast}
 * does it (one view per recipient, compared with the previous one). Run by the load tool's
 * {@code hotpath} scenario, never by {@code mvn test}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@State(Scope.Thread)
public class BoardHotPathBenchmark {
  static final int MEMBERS = 200;
  private static final String NAME = "Load Participant";

  private final UUID author = UUID.randomUUID();
  private BoardState state;
  private Actor actor;
  private String frame;
  private BoardInfo info;
  private BoardEvent event;
  private final List<RoomMember> members = new ArrayList<>();

  @Setup
  public void setUp() throws ProtocolException {
    state = new BoardState();
    actor = new Actor(author, NAME, Role.PARTICIPANT, true);
    for (int i = 0; i < MEMBERS; i++) {
      state.apply(new Operation.CreateCard("card" + i, "", Colour.YELLOW, null, "a" + i + "V"), author, NAME);
    }
    frame = "{\"v\":1,\"type\":\"op\",\"id\":\"o42\",\"op\":{\"kind\":\"card.text\",\"card\":\"card7\","
        + "\"text\":\"L7.42 what helped us decide to close the case was talking it through early\"}}";
    Operation op = ((ClientMessage.Op) Protocol.decode(frame)).op();
    info = new BoardInfo(UUID.randomUUID(), UUID.randomUUID(), "Load board", "free", false, 5);
    event = new BoardEvent(1234, op, author, NAME, "loadc7", "o42");
    for (int i = 0; i < MEMBERS; i++) members.add(new Member("conn" + i, i % 10 == 0 ? author : UUID.randomUUID()));
  }

  /** What every incoming edit costs before it waits for the log: decode the frame, check it, apply it. */
  @Benchmark
  public Optional<Rejection> decodeValidateApply() throws ProtocolException {
    Operation op = ((ClientMessage.Op) Protocol.decode(frame)).op();
    Optional<Rejection> refused = state.check(op, actor, info.voteBudget());
    if (refused.isEmpty()) state.apply(op, actor.accountId(), actor.name());
    return refused;
  }

  /** The sender's acknowledgement and the JSON the log row stores. */
  @Benchmark
  public void encodeAckAndLogRow(Blackhole bh) {
    bh.consume(new ServerMessage.Ack(event.opId(), event.seq()).encode());
    bh.consume(event.op().toJson().encode());
  }

  /** One event's fan-out to {@value #MEMBERS} members as BoardRoom.broadcast does it, the sends left out. */
  @Benchmark
  public int fanOutViews() {
    ServerMessage.Event shared = null;
    String sharedText = null;
    int bytes = 0;
    for (RoomMember m : members) {
      ServerMessage.Event msg = BoardView.visibleTo(m, info, event);
      if (!msg.equals(shared)) {
        shared = msg;
        sharedText = msg.encode();
      }
      bytes += sharedText.length();
    }
    return bytes;
  }

  /** The same fan-out with one view per audience (the author's other tabs, everyone else): the suggested fix. */
  @Benchmark
  public int fanOutOncePerAudience() {
    String others = null;
    String own = null;
    int bytes = 0;
    for (RoomMember m : members) {
      boolean mine = m.accountId().equals(event.authorId());
      if (mine) {
        if (own == null) own = BoardView.visibleTo(m, info, event).encode();
        bytes += own.length();
      } else {
        if (others == null) others = BoardView.visibleTo(m, info, event).encode();
        bytes += others.length();
      }
    }
    return bytes;
  }

  private record Member(String connectionId, UUID accountId) implements RoomMember {
    @Override public String name() { return NAME; }
    @Override public Role role() { return Role.PARTICIPANT; }
    @Override public void send(String frame) {}
    @Override public void welcome(String frame) {}
    @Override public void close(short code, String reason) {}
  }
}
