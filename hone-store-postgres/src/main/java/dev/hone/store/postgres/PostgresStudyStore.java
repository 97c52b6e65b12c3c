package dev.hone.store.postgres;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.Distributions;
import dev.hone.search.store.StoreRules;
import dev.hone.search.store.StudyInfo;
import dev.hone.search.store.StudyStore;
import dev.hone.search.store.TrialFinishedException;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StudyStore} in a PostgreSQL database, fulfilling the full contract of {@link
 * StudyStore} for workers in several processes on several machines.
 *
 * <ul>
 *   <li><b>Schema.</b> Versioned ({@value PostgresSchemaMigrator#CURRENT_VERSION}; see {@link
 *       PostgresSchemaMigrator}); created in the connection's current schema on first use. A
 *       database at another version is refused with a {@link UserInputException} naming both
 *       versions and what to do.
 *   <li><b>Transactions.</b> Every call is one short READ COMMITTED transaction; a serialization
 *       failure or deadlock (SQLSTATE 40001, 40P01) is retried up to {@value #RETRIES} times.
 *   <li><b>Dense numbers.</b> A trial's number comes from the per-study counter {@code
 *       studies.next_number}, incremented with {@code UPDATE ... RETURNING} inside the creating
 *       transaction: the row lock serialises creators of the same study until commit, so numbers
 *       are dense and unique across machines.
 *   <li><b>Atomic claim and limit.</b> {@link #startTrial} locks the study row ({@code SELECT ...
 *       FOR UPDATE}), counts the active trials, then takes the lowest WAITING trial ({@code FOR
 *       UPDATE SKIP LOCKED}) or creates one: each WAITING trial goes to exactly one caller and the
 *       limit is never exceeded.
 *   <li><b>Finished trials are immutable.</b> Writes to a trial lock its row ({@code FOR UPDATE})
 *       and check that it is RUNNING in the same transaction, so a concurrent finish (say by a
 *       stale-trial check on another machine) and a late write cannot both succeed.
 *   <li><b>Numbers.</b> {@code double precision} keeps NaN, infinities and {@code -0.0}; values
 *       round-trip bit-exactly.
 *   <li><b>Connections.</b> One JDBC connection per store object, used under its monitor: calls
 *       from the threads of one process are serialised (each is short). A call that loses the
 *       connection (SQLSTATE class 08, or 57P01-57P03: the server shut down) fails, since whether its commit happened is unknown, and
 *       is not retried (a retried enqueue could queue a configuration twice); the next call opens
 *       a new connection.
 * </ul>
 */
public final class PostgresStudyStore implements StudyStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStudyStore.class);

  /** The URL prefix {@link #open(String)} accepts. */
  public static final String URL_PREFIX = "jdbc:postgresql:";

  /** Attempts of a transaction that hit a serialization failure or deadlock: {@value}. */
  public static final int RETRIES = 5;

  private final String url;
  private final String where;
  private Connection conn;
  private boolean broken;
  private boolean closed;

  private PostgresStudyStore(Connection conn, String url, String where) {
    this.conn = conn;
    this.url = url;
    this.where = where;
  }

  /**
   * Opens the store at {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=...&password=...&
   * currentSchema=...]}, creating the schema on first use.
   *
   * @throws UserInputException if the URL is not a PostgreSQL URL, the server cannot be reached or
   *     refuses the login (the message names the URL without password and what to check), or the
   *     database is not a Hone store at the current schema version
   */
  public static PostgresStudyStore open(String jdbcUrl) {
    checkUrl(jdbcUrl);
    String where = redact(jdbcUrl);
    Connection c;
    try {
      c = DriverManager.getConnection(jdbcUrl);
    } catch (SQLException e) {
      throw new UserInputException(
          "cannot connect to study database " + where + ": " + e.getMessage() + ". Check that"
              + " the server runs and the URL's host, port, database, user and password", e);
    }
    try {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        PostgresSchemaMigrator.ensure(c, where);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the original failure is what matters
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new UserInputException(
          "cannot prepare study database " + where + ": " + e.getMessage(), e);
    }
    LOG.debug("opened study store {} (schema version {})", where,
        PostgresSchemaMigrator.CURRENT_VERSION);
    return new PostgresStudyStore(c, jdbcUrl, where);
  }

  static void checkUrl(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith(URL_PREFIX)) {
      throw new UserInputException(
          "unsupported storage URL '" + redact(jdbcUrl) + "': expected"
              + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER, e.g."
              + " --storage jdbc:postgresql://db.example:5432/hone?user=hone");
    }
  }

  /** The URL with any {@code password=...} value replaced by {@code ***}. */
  static String redact(String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** A write: READ COMMITTED, with the row locks each method documents. */
  private <T> T tx(String what, Work<T> work) {
    return tx(what, false, work);
  }

  /** A read: one REPEATABLE READ snapshot, so rows read by several queries agree. */
  private <T> T read(String what, Work<T> work) {
    return tx(what, true, work);
  }

  /** Runs {@code work} in one transaction under the monitor, retrying transient conflicts. */
  private synchronized <T> T tx(String what, boolean snapshot, Work<T> work) {
    if (closed) {
      throw new IllegalStateException("study store " + where + " is closed");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        if (broken) {
          reconnect();
        }
        if (snapshot) {
          try (Statement s = conn.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          }
        }
        T out = work.run(conn);
        conn.commit();
        return out;
      } catch (SQLException e) {
        String state = e.getSQLState();
        if (lostConnection(state)) {
          broken = true;
          throw new HoneException("study store " + where + ": " + what + " failed, the"
              + " connection was lost (" + e.getMessage() + "); its outcome is unknown. The"
              + " next call reconnects", e);
        }
        rollbackQuietly();
        if (("40001".equals(state) || "40P01".equals(state)) && attempt < RETRIES) {
          LOG.debug("study store {}: {} hit {} (attempt {}), retrying", where, what, state,
              attempt);
          continue;
        }
        throw new HoneException(
            "study store " + where + ": " + what + " failed: " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly();
        throw e;
      }
    }
  }

  /** SQLSTATE class 08 (connection exception), 57P01-57P03 (server shut down), or closed. */
  private boolean lostConnection(String state) {
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return true;
    }
    try {
      return conn.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private void reconnect() throws SQLException {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // the connection is gone already
    }
    Connection c = DriverManager.getConnection(url);
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    conn = c;
    broken = false;
    LOG.info("study store {}: reconnected", where);
  }

  private void rollbackQuietly() {
    try {
      conn.rollback();
    } catch (SQLException e) {
      LOG.warn("study store {}: rollback failed: {}", where, e.toString());
    }
  }

  // ---- studies ----

  @Override
  public StudyInfo createStudyIfAbsent(String name, List<Direction> directions, long seed) {
    StoreRules.checkStudyName(name);
    StoreRules.checkDirections(directions);
    return tx("create study " + name, c -> {
      Long id = null;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO studies (name, direction, seed, created_at) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (name) DO NOTHING RETURNING study_id")) {
        ps.setString(1, name);
        ps.setString(2, directions.get(0).name());
        ps.setLong(3, seed);
        ps.setString(4, Instant.now().toString());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            id = rs.getLong(1);
          }
        }
      }
      if (id != null) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO study_directions (study_id, objective, direction) VALUES (?, ?, ?)")) {
          for (int i = 0; i < directions.size(); i++) {
            ps.setLong(1, id);
            ps.setInt(2, i);
            ps.setString(3, directions.get(i).name());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return findStudy(c, name).orElseThrow();
    });
  }

  @Override
  public Optional<StudyInfo> findStudy(String name) {
    Objects.requireNonNull(name, "name");
    return read("find study " + name, c -> findStudy(c, name));
  }

  @Override
  public List<StudyInfo> studies() {
    return read("list studies", c -> {
      List<Long> ids = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT study_id FROM studies ORDER BY study_id")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      List<StudyInfo> out = new ArrayList<>();
      for (long id : ids) {
        out.add(studyById(c, id));
      }
      return out;
    });
  }

  private static Optional<StudyInfo> findStudy(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(studyById(c, rs.getLong(1))) : Optional.empty();
      }
    }
  }

  private static StudyInfo studyById(Connection c, long id) throws SQLException {
    String name;
    Direction dir;
    long seed;
    Instant created;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name, direction, seed, created_at FROM studies WHERE study_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no study with id " + id);
        }
        name = rs.getString(1);
        dir = Direction.valueOf(rs.getString(2));
        seed = rs.getLong(3);
        created = Instant.parse(rs.getString(4));
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT key, value FROM study_user_attributes WHERE study_id = ? ORDER BY ordinal")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          attrs.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    List<Direction> dirs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT direction FROM study_directions WHERE study_id = ? ORDER BY objective")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          dirs.add(Direction.valueOf(rs.getString(1)));
        }
      }
    }
    return new StudyInfo(id, name, dir, seed, attrs, created, dirs);
  }

  /** The study's name; with {@code lock}, also locks its row (the trial counter) until commit. */
  private static String studyName(Connection c, long studyId, boolean lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name FROM studies WHERE study_id = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setLong(1, studyId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no study with id " + studyId);
        }
        return rs.getString(1);
      }
    }
  }

  @Override
  public void setStudyUserAttribute(long studyId, String key, String value) {
    StoreRules.checkAttribute(key, value);
    tx("set study attribute " + key, c -> {
      studyName(c, studyId, false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO study_user_attributes (study_id, key, value) VALUES (?, ?, ?)"
              + " ON CONFLICT (study_id, key) DO UPDATE SET value = excluded.value")) {
        ps.setLong(1, studyId);
        ps.setString(2, key);
        ps.setString(3, value);
        ps.executeUpdate();
      }
      return null;
    });
  }

  // ---- creating and starting trials ----

  /** Inserts a trial with the next number from the (locked) study counter; returns its number. */
  private static int insertTrial(
      Connection c, long studyId, TrialState state, Instant startedAt, Instant heartbeat)
      throws SQLException {
    int number;
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE studies SET next_number = next_number + 1 WHERE study_id = ?"
            + " RETURNING next_number - 1")) {
      ps.setLong(1, studyId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no study with id " + studyId);
        }
        number = rs.getInt(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO trials (study_id, number, state, started_at, heartbeat_at)"
            + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, studyId);
      ps.setInt(2, number);
      ps.setString(3, state.name());
      ps.setString(4, startedAt == null ? null : startedAt.toString());
      ps.setString(5, heartbeat == null ? null : heartbeat.toString());
      ps.executeUpdate();
    }
    return number;
  }

  @Override
  public TrialRecord createTrial(long studyId, Instant startedAt) {
    Objects.requireNonNull(startedAt, "startedAt");
    return tx("create trial", c -> {
      int number = insertTrial(c, studyId, TrialState.RUNNING, startedAt, null);
      return load(c, studyId, number).get(0);
    });
  }

  @Override
  public TrialRecord enqueueTrial(long studyId, Map<String, Object> fixedParams) {
    Map<String, Object> fixed = StoreRules.normalizeFixedParams(fixedParams);
    return tx("enqueue trial", c -> {
      int number = insertTrial(c, studyId, TrialState.WAITING, null, null);
      insertFixed(c, trialId(c, studyId, number), fixed);
      return load(c, studyId, number).get(0);
    });
  }

  @Override
  public Optional<TrialRecord> startTrial(
      long studyId, Instant startedAt, boolean heartbeat, int limit) {
    Objects.requireNonNull(startedAt, "startedAt");
    StoreRules.checkLimit(limit);
    return tx("start trial", c -> {
      studyName(c, studyId, true);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM trials WHERE study_id = ?"
              + " AND state IN ('RUNNING', 'COMPLETE', 'PRUNED')")) {
        ps.setLong(1, studyId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= limit) {
            return Optional.empty();
          }
        }
      }
      Instant hb = heartbeat ? startedAt : null;
      Long waitingId = null;
      int number = -1;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT trial_id, number FROM trials WHERE study_id = ? AND state = 'WAITING'"
              + " ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED")) {
        ps.setLong(1, studyId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            waitingId = rs.getLong(1);
            number = rs.getInt(2);
          }
        }
      }
      if (waitingId == null) {
        number = insertTrial(c, studyId, TrialState.RUNNING, startedAt, hb);
      } else {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE trials SET state = 'RUNNING', started_at = ?, heartbeat_at = ?"
                + " WHERE trial_id = ? AND state = 'WAITING'")) {
          ps.setString(1, startedAt.toString());
          ps.setString(2, hb == null ? null : hb.toString());
          ps.setLong(3, waitingId);
          if (ps.executeUpdate() != 1) {
            throw new IllegalStateException("trial " + number + " changed concurrently");
          }
        }
      }
      return Optional.of(load(c, studyId, number).get(0));
    });
  }

  // ---- heartbeats ----

  @Override
  public boolean recordHeartbeat(long studyId, int number, Instant at) {
    Objects.requireNonNull(at, "at");
    return tx("heartbeat of trial " + number, c -> {
      String study = studyName(c, studyId, false);
      long[] idState = lockTrial(c, studyId, number, study);
      TrialState state = TrialState.values()[(int) idState[1]];
      if (state == TrialState.WAITING) {
        throw new IllegalArgumentException(StoreRules.waitingMessage(study, number, "heartbeat"));
      }
      if (state.isFinished()) {
        return false;
      }
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE trials SET heartbeat_at = ? WHERE trial_id = ?")) {
        ps.setString(1, at.toString());
        ps.setLong(2, idState[0]);
        ps.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public List<TrialRecord> failStaleTrials(
      long studyId, Instant heartbeatBefore, boolean requeue, Instant now) {
    Objects.requireNonNull(heartbeatBefore, "heartbeatBefore");
    Objects.requireNonNull(now, "now");
    return tx("fail stale trials", c -> {
      // lock order everywhere: the study row first, then trial rows
      studyName(c, studyId, true);
      Map<Integer, long[]> stale = new TreeMap<>();
      Map<Integer, Instant> beats = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT trial_id, number, heartbeat_at FROM trials WHERE study_id = ?"
              + " AND state = 'RUNNING' AND heartbeat_at IS NOT NULL FOR UPDATE")) {
        ps.setLong(1, studyId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant hb = Instant.parse(rs.getString(3));
            if (hb.isBefore(heartbeatBefore)) {
              stale.put(rs.getInt(2), new long[] {rs.getLong(1)});
              beats.put(rs.getInt(2), hb);
            }
          }
        }
      }
      List<TrialRecord> out = new ArrayList<>();
      for (Map.Entry<Integer, long[]> e : stale.entrySet()) {
        int number = e.getKey();
        long tid = e.getValue()[0];
        upsertAttr(c, tid, TrialRecord.FAIL_REASON,
            StoreRules.staleReason(beats.get(number), heartbeatBefore));
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE trials SET state = 'FAIL', finished_at = ? WHERE trial_id = ?")) {
          ps.setString(1, now.toString());
          ps.setLong(2, tid);
          ps.executeUpdate();
        }
        TrialRecord rec = load(c, studyId, number).get(0);
        out.add(rec);
        if (requeue) {
          int retry = insertTrial(c, studyId, TrialState.WAITING, null, null);
          long rid = trialId(c, studyId, retry);
          insertFixed(c, rid, StoreRules.retryParams(rec));
          upsertAttr(c, rid, TrialRecord.RETRY_OF, Integer.toString(number));
        }
      }
      return out;
    });
  }

  // ---- writes to a RUNNING trial ----

  /** Locks the trial row; returns {trial_id, state ordinal}. */
  private static long[] lockTrial(Connection c, long studyId, int number, String study)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT trial_id, state FROM trials WHERE study_id = ? AND number = ? FOR UPDATE")) {
      ps.setLong(1, studyId);
      ps.setInt(2, number);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("study '" + study + "' has no trial " + number);
        }
        return new long[] {rs.getLong(1), TrialState.valueOf(rs.getString(2)).ordinal()};
      }
    }
  }

  /** Locks a RUNNING trial and returns its trial_id, or throws the contract's exception. */
  private static long running(Connection c, long studyId, int number, String what)
      throws SQLException {
    String study = studyName(c, studyId, false);
    long[] idState = lockTrial(c, studyId, number, study);
    TrialState state = TrialState.values()[(int) idState[1]];
    if (state == TrialState.WAITING) {
      throw new IllegalArgumentException(StoreRules.waitingMessage(study, number, what));
    }
    if (state.isFinished()) {
      throw new TrialFinishedException(StoreRules.finishedMessage(study, number, state, what));
    }
    return idState[0];
  }

  private static long trialId(Connection c, long studyId, int number) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT trial_id FROM trials WHERE study_id = ? AND number = ?")) {
      ps.setLong(1, studyId);
      ps.setInt(2, number);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void insertFixed(Connection c, long trialId, Map<String, Object> fixed)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO trial_fixed_params (trial_id, ordinal, name, kind, value)"
            + " VALUES (?, ?, ?, ?, ?)")) {
      int i = 0;
      for (Map.Entry<String, Object> e : fixed.entrySet()) {
        ps.setLong(1, trialId);
        ps.setInt(2, i++);
        ps.setString(3, e.getKey());
        ps.setString(4, StoreRules.fixedKind(e.getValue()));
        ps.setString(5, StoreRules.fixedText(e.getValue()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void upsertAttr(Connection c, long trialId, String key, String value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO trial_user_attributes (trial_id, key, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (trial_id, key) DO UPDATE SET value = excluded.value")) {
      ps.setLong(1, trialId);
      ps.setString(2, key);
      ps.setString(3, value);
      ps.executeUpdate();
    }
  }

  @Override
  public void setTrialParam(
      long studyId, int number, String name, Object value, Distribution distribution) {
    tx("set param " + name, c -> {
      long trialId = running(c, studyId, number, "set param " + name);
      StoreRules.checkParam(number, name, value, distribution);
      int ordinal;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*), COUNT(*) FILTER (WHERE name = ?) FROM trial_params"
              + " WHERE trial_id = ?")) {
        ps.setString(1, name);
        ps.setLong(2, trialId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ordinal = rs.getInt(1);
          if (rs.getInt(2) > 0) {
            throw new IllegalArgumentException(
                "trial " + number + " already has param '" + name + "'");
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_params (trial_id, ordinal, name, internal, distribution)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        ps.setLong(1, trialId);
        ps.setInt(2, ordinal);
        ps.setString(3, name);
        ps.setDouble(4, distribution.toInternal(value));
        ps.setString(5, Distributions.toJson(distribution));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setTrialIntermediateValue(long studyId, int number, int step, double value) {
    tx("report step " + step, c -> {
      long trialId = running(c, studyId, number, "report step " + step);
      StoreRules.checkStep(number, step);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_intermediate_values (trial_id, step, value) VALUES (?, ?, ?)"
              + " ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value")) {
        ps.setLong(1, trialId);
        ps.setInt(2, step);
        ps.setDouble(3, value);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setTrialUserAttribute(long studyId, int number, String key, String value) {
    tx("set trial attribute " + key, c -> {
      long trialId = running(c, studyId, number, "set user attribute " + key);
      StoreRules.checkAttribute(key, value);
      upsertAttr(c, trialId, key, value);
      return null;
    });
  }

  @Override
  public TrialRecord finishTrialValues(
      long studyId, int number, TrialState state, List<Double> values, Instant finishedAt) {
    return tx("finish trial " + number, c -> {
      long trialId = running(c, studyId, number, "finish as " + state);
      StoreRules.checkFinish(number, state, values);
      Objects.requireNonNull(finishedAt, "finishedAt");
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE trials SET state = ?, finished_at = ? WHERE trial_id = ?")) {
        ps.setString(1, state.name());
        ps.setString(2, finishedAt.toString());
        ps.setLong(3, trialId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_values (trial_id, objective, value) VALUES (?, ?, ?)")) {
        for (int i = 0; i < values.size(); i++) {
          ps.setLong(1, trialId);
          ps.setInt(2, i);
          ps.setDouble(3, values.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return load(c, studyId, number).get(0);
    });
  }

  // ---- reads ----

  @Override
  public TrialRecord trial(long studyId, int number) {
    return read("read trial " + number, c -> {
      List<TrialRecord> r = load(c, studyId, number);
      if (r.isEmpty()) {
        throw new IllegalArgumentException(
            "study '" + studyName(c, studyId, false) + "' has no trial " + number);
      }
      return r.get(0);
    });
  }

  @Override
  public List<TrialRecord> trials(long studyId) {
    return read("read trials", c -> List.copyOf(load(c, studyId, null)));
  }

  @Override
  public Map<TrialState, Integer> countTrials(long studyId) {
    return read("count trials", c -> {
      studyName(c, studyId, false);
      Map<TrialState, Integer> out = new EnumMap<>(TrialState.class);
      for (TrialState st : TrialState.values()) {
        out.put(st, 0);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT state, COUNT(*) FROM trials WHERE study_id = ? GROUP BY state")) {
        ps.setLong(1, studyId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(TrialState.valueOf(rs.getString(1)), rs.getInt(2));
          }
        }
      }
      return Collections.unmodifiableMap(out);
    });
  }

  /**
   * Snapshots of the study's trials (all, or just {@code number}), ordered by number. Read in
   * one REPEATABLE READ snapshot so that the rows of the six tables agree.
   */
  private static List<TrialRecord> load(Connection c, long studyId, Integer number)
      throws SQLException {
    studyName(c, studyId, false);
    String filter = number == null ? "" : " AND t.number = ?";
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT t.trial_id, t.number, t.state, t.started_at, t.finished_at, t.heartbeat_at"
            + " FROM trials t WHERE t.study_id = ?" + filter + " ORDER BY t.number")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = new Row();
          r.number = rs.getInt(2);
          r.state = TrialState.valueOf(rs.getString(3));
          r.startedAt = instant(rs.getString(4));
          r.finishedAt = instant(rs.getString(5));
          r.heartbeatAt = instant(rs.getString(6));
          rows.put(rs.getLong(1), r);
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Distribution> parsed = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT p.trial_id, p.name, p.internal, p.distribution FROM trial_params p"
            + " JOIN trials t ON t.trial_id = p.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY p.trial_id, p.ordinal")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = rows.get(rs.getLong(1));
          if (r == null) {
            continue; // a trial created after the first query: not part of this snapshot
          }
          Distribution d = parsed.computeIfAbsent(rs.getString(4), Distributions::fromJson);
          r.params.put(rs.getString(2), d.toExternal(rs.getDouble(3)));
          r.dists.put(rs.getString(2), d);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT v.trial_id, v.step, v.value FROM trial_intermediate_values v"
            + " JOIN trials t ON t.trial_id = v.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY v.trial_id, v.step")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = rows.get(rs.getLong(1));
          if (r != null) {
            r.intermediate.put(rs.getInt(2), rs.getDouble(3));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.trial_id, a.key, a.value FROM trial_user_attributes a"
            + " JOIN trials t ON t.trial_id = a.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY a.trial_id, a.ordinal")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = rows.get(rs.getLong(1));
          if (r != null) {
            r.attrs.put(rs.getString(2), rs.getString(3));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT f.trial_id, f.name, f.kind, f.value FROM trial_fixed_params f"
            + " JOIN trials t ON t.trial_id = f.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY f.trial_id, f.ordinal")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = rows.get(rs.getLong(1));
          if (r != null) {
            r.fixed.put(rs.getString(2), StoreRules.parseFixed(rs.getString(3), rs.getString(4)));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT v.trial_id, v.value FROM trial_values v"
            + " JOIN trials t ON t.trial_id = v.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY v.trial_id, v.objective")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = rows.get(rs.getLong(1));
          if (r != null) {
            r.values.add(rs.getDouble(2));
          }
        }
      }
    }
    List<TrialRecord> out = new ArrayList<>(rows.size());
    for (Row r : rows.values()) {
      out.add(new TrialRecord(r.number, r.state, r.params, r.dists,
          r.values.isEmpty() ? null : r.values.get(0), r.intermediate, r.attrs, r.startedAt,
          r.finishedAt, r.heartbeatAt, r.fixed, r.values));
    }
    return out;
  }

  private static void bind(PreparedStatement ps, long studyId, Integer number)
      throws SQLException {
    ps.setLong(1, studyId);
    if (number != null) {
      ps.setInt(2, number);
    }
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static final class Row {
    int number;
    TrialState state;
    Instant startedAt;
    Instant finishedAt;
    Instant heartbeatAt;
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, Distribution> dists = new LinkedHashMap<>();
    final Map<Integer, Double> intermediate = new TreeMap<>();
    final Map<String, String> attrs = new LinkedHashMap<>();
    final Map<String, Object> fixed = new LinkedHashMap<>();
    final List<Double> values = new ArrayList<>();
  }

  /** Closes the connection; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      conn.close();
    } catch (SQLException e) {
      throw new HoneException("closing study store " + where + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PostgresStudyStore[" + where + "]";
  }
}
