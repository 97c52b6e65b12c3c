package dev.hone.store.sqlite;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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
import org.sqlite.SQLiteConfig;

/**
 * A {@link StudyStore} in one SQLite file, fulfilling the full contract of {@link StudyStore}.
 *
 * <ul>
 *   <li><b>Schema.</b> Versioned ({@value #SCHEMA_VERSION}; table {@code schema_version}). A new or
 *       empty file gets the schema; a file at another version, or a SQLite file that is not a Hone
 *       store, is refused with a {@link UserInputException} and left untouched. Opening never
 *       deletes or rewrites data.
 *   <li><b>Durability.</b> WAL journal, {@code synchronous=NORMAL}, foreign keys on. Every public
 *       method runs in one {@code BEGIN IMMEDIATE} transaction, so a process killed at any point
 *       leaves the file consistent: each write is either fully in or fully out, and a trial is
 *       either finished with everything recorded before its finish or still RUNNING. (A committed
 *       transaction survives a process crash; after a power loss the last few may be lost, the
 *       file still being consistent.)
 *   <li><b>Concurrency.</b> One connection, used under this object's monitor: thread-safe, with
 *       a single writer per process. Several processes may open the same file (on one machine:
 *       SQLite's locks do not work over network file systems; use PostgreSQL for workers on
 *       several machines). Every write is one short {@code BEGIN IMMEDIATE} transaction, so
 *       writers queue on the write lock, waiting up to {@value #BUSY_TIMEOUT_MS} ms (busy
 *       timeout), and never deadlock. Trial numbers are assigned, and WAITING trials claimed,
 *       inside the write transaction, so numbers stay dense and each enqueued trial is claimed
 *       once across processes too.
 *   <li><b>Numbers.</b> Values and parameters round-trip bit-exactly, NaN, infinities and {@code
 *       -0.0} included (see {@link NonFiniteCodec}).
 * </ul>
 */
public final class SqliteStudyStore implements StudyStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStudyStore.class);

  /** The schema version this class reads and writes. */
  public static final int SCHEMA_VERSION = SchemaMigrator.CURRENT_VERSION;

  /** How long a write waits for another process's lock, in milliseconds. */
  public static final int BUSY_TIMEOUT_MS = 10_000;

  /**
   * SQLite's own busy handler waits at most this long, in milliseconds; past it, {@link
   * #beginImmediate} retries after short random pauses (0.2 to 2 ms) until {@link
   * #BUSY_TIMEOUT_MS}. SQLite's handler sleeps in steps of up to 100 ms, which leaves the
   * database idle most of the time when several processes take turns writing.
   */
  static final int SQLITE_BUSY_SPIN_MS = 2;

  /** The URL prefix {@link #open(String)} accepts. */
  public static final String URL_PREFIX = "jdbc:sqlite:";

  private final Connection conn;
  private final String where;
  private final Path path;
  private boolean closed;

  private SqliteStudyStore(Connection conn, String where, Path path) {
    this.conn = conn;
    this.where = where;
    this.path = path;
  }

  /**
   * Opens (creating if needed) the store named by a JDBC URL: {@code jdbc:sqlite:PATH} (a file
   * path, relative to the working directory or absolute), or {@code jdbc:sqlite::memory:} for a
   * private in-memory database.
   *
   * @throws UserInputException if the URL is not of that form, or for the reasons of {@link
   *     #open(Path)}
   */
  public static SqliteStudyStore open(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith(URL_PREFIX)) {
      throw new UserInputException(
          "unsupported storage URL '" + jdbcUrl + "': expected jdbc:sqlite:PATH, e.g."
              + " --storage jdbc:sqlite:hone-studies.db");
    }
    String rest = jdbcUrl.substring(URL_PREFIX.length());
    if (rest.equals(":memory:")) {
      return connect(URL_PREFIX + ":memory:", ":memory:", null);
    }
    if (rest.isBlank() || rest.contains("?") || rest.startsWith("file:")) {
      throw new UserInputException(
          "unsupported storage URL '" + jdbcUrl + "': expected jdbc:sqlite:PATH with a plain file"
              + " path and no options, e.g. --storage jdbc:sqlite:hone-studies.db");
    }
    Path p;
    try {
      p = Path.of(rest);
    } catch (InvalidPathException e) {
      throw new UserInputException(
          "storage URL '" + jdbcUrl + "' does not name a valid file path (" + e.getMessage()
              + "); use --storage jdbc:sqlite:OTHER_PATH");
    }
    return open(p);
  }

  /**
   * Opens (creating if needed) the store in file {@code path}, creating missing parent
   * directories.
   *
   * @throws UserInputException naming the path if it cannot be written (a directory without write
   *     permission, a path under a regular file, a directory in place of the file), if the file is
   *     not a SQLite database or not a Hone store, or if its schema version differs from {@value
   *     #SCHEMA_VERSION}; the message says what to do
   */
  public static SqliteStudyStore open(Path path) {
    Objects.requireNonNull(path, "path");
    Path p = path.toAbsolutePath().normalize();
    if (Files.isDirectory(p)) {
      throw unwritable(p, "it is a directory");
    }
    Path parent = p.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw unwritable(p, "its directory " + parent + " cannot be created (" + e + ")");
    }
    if (!Files.isWritable(parent)) {
      throw unwritable(p, "directory " + parent + " is not writable");
    }
    if (Files.exists(p) && !Files.isWritable(p)) {
      throw unwritable(p, "the file is not writable");
    }
    return connect(URL_PREFIX + p, p.toString(), p);
  }

  private static UserInputException unwritable(Path p, String why) {
    return new UserInputException(
        "cannot use " + p + " as study database: " + why + ". Choose a writable location with"
            + " --storage jdbc:sqlite:OTHER_PATH");
  }

  private static SqliteStudyStore connect(String url, String where, Path path) {
    // No journal-mode pragma at connect time: switching to WAL rewrites the file header, and a
    // file that turns out not to be a Hone store must be left byte-for-byte unchanged.
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    cfg.setBusyTimeout(SQLITE_BUSY_SPIN_MS);
    cfg.enforceForeignKeys(true);
    Connection c;
    try {
      c = DriverManager.getConnection(url, cfg.toProperties());
    } catch (SQLException e) {
      throw openFailure(where, path, e);
    }
    try {
      beginImmediate(c);
      try {
        SchemaMigrator.ensure(c, where);
        exec(c, "COMMIT");
      } catch (SQLException | RuntimeException e) {
        exec(c, "ROLLBACK");
        throw e;
      }
      if (path != null) {
        String mode = switchToWal(c);
        if (!"wal".equalsIgnoreCase(mode)) {
          LOG.warn("study store {}: WAL journal unavailable, using {}", where, mode);
        }
      }
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the original failure is what matters
      }
      if (e instanceof SQLException se) {
        throw openFailure(where, path, se);
      }
      throw (RuntimeException) e;
    }
    LOG.debug("opened study store {} (schema version {})", where, SCHEMA_VERSION);
    return new SqliteStudyStore(c, where, path);
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static UserInputException openFailure(String where, Path path, SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("NOTADB") || msg.contains("not a database")) {
      return new UserInputException(
          "cannot use " + where + " as study database: the file exists but is not a SQLite"
              + " database; it was left unchanged. Choose another file with --storage"
              + " jdbc:sqlite:OTHER_PATH", e);
    }
    return new UserInputException(
        "cannot open study database " + where + ": " + msg + ". Check that the location is"
            + " writable, or choose another with --storage jdbc:sqlite:OTHER_PATH", e);
  }

  /** The database file, or {@code null} for an in-memory database. */
  public Path path() {
    return path;
  }

  /** SQLite's journal mode in effect ({@code "wal"} for a file). */
  public synchronized String journalMode() {
    return read("read journal mode", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction under the monitor: {@code BEGIN IMMEDIATE} (takes the
   * write lock at once, so concurrent writers queue on the busy timeout instead of deadlocking)
   * for writes, a deferred {@code BEGIN} (a consistent read snapshot) for reads; {@code ROLLBACK}
   * on any failure. Between calls no transaction is open, so other processes are never blocked.
   */
  private synchronized <T> T tx(String what, boolean write, Work<T> work) {
    if (closed) {
      throw new IllegalStateException("study store " + where + " is closed");
    }
    boolean begun = false;
    try {
      if (write) {
        beginImmediate(conn);
      } else {
        exec(conn, "BEGIN");
      }
      begun = true;
      T out = work.run(conn);
      exec(conn, "COMMIT");
      return out;
    } catch (SQLException e) {
      if (begun) {
        rollbackQuietly();
      }
      throw new HoneException("study store " + where + ": " + what + " failed: " + e.getMessage(),
          e);
    } catch (RuntimeException | Error e) {
      if (begun) {
        rollbackQuietly();
      }
      throw e;
    }
  }

  /**
   * {@code BEGIN IMMEDIATE}, taking the write lock, retried after short random pauses while
   * another connection holds it, for up to {@link #BUSY_TIMEOUT_MS} in all.
   *
   * @throws SQLException the last SQLITE_BUSY once the time is up, or any other failure
   */
  /**
   * Switches the file to the WAL journal. The switch needs an exclusive lock and SQLite does not
   * wait on its busy handler for it while another process is between statements, so SQLITE_BUSY
   * is retried here, up to {@link #BUSY_TIMEOUT_MS}. A file already in WAL mode is left alone.
   *
   * @return the journal mode in effect afterwards
   */
  private static String switchToWal(Connection c) throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
    while (true) {
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
          rs.next();
          if ("wal".equalsIgnoreCase(rs.getString(1))) {
            return rs.getString(1);
          }
        }
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
          rs.next();
          return rs.getString(1);
        }
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xff) != 5 || System.nanoTime() > deadline) { // SQLITE_BUSY
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(
            1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(9_000_000));
      }
    }
  }

  static void beginImmediate(Connection c) throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
    while (true) {
      try {
        exec(c, "BEGIN IMMEDIATE");
        return;
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xff) != 5 || System.nanoTime() > deadline) { // SQLITE_BUSY
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(
            200_000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1_800_000));
      }
    }
  }

  private <T> T write(String what, Work<T> work) {
    return tx(what, true, work);
  }

  private <T> T read(String what, Work<T> work) {
    return tx(what, false, work);
  }

  private void rollbackQuietly() {
    try {
      exec(conn, "ROLLBACK");
    } catch (SQLException e) {
      LOG.warn("study store {}: rollback failed: {}", where, e.toString());
    }
  }

  @Override
  public StudyInfo createStudyIfAbsent(String name, List<Direction> directions, long seed) {
    StoreRules.checkStudyName(name);
    StoreRules.checkDirections(directions);
    return write("create study " + name, c -> {
      Optional<StudyInfo> existing = findStudy(c, name);
      if (existing.isPresent()) {
        return existing.get();
      }
      Instant now = Instant.now();
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO studies (name, direction, seed, created_at) VALUES (?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, name);
        ps.setString(2, directions.get(0).name());
        ps.setLong(3, seed);
        ps.setString(4, now.toString());
        ps.executeUpdate();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO study_directions (study_id, objective, direction) VALUES (?, ?, ?)")) {
        for (int i = 0; i < directions.size(); i++) {
          ps.setLong(1, id);
          ps.setInt(2, i);
          ps.setString(3, directions.get(i).name());
          ps.executeUpdate();
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
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(studyById(c, rs.getLong(1)));
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
        "SELECT key, value FROM study_user_attributes WHERE study_id = ? ORDER BY rowid")) {
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
    return new StudyInfo(id, name, dir, seed, attrs, created, dirs.isEmpty() ? null : dirs);
  }

  private static String studyName(Connection c, long studyId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM studies WHERE study_id = ?")) {
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
    write("set study attribute " + key, c -> {
      studyName(c, studyId);
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

  @Override
  public TrialRecord createTrial(long studyId, Instant startedAt) {
    Objects.requireNonNull(startedAt, "startedAt");
    return write("create trial", c -> {
      studyName(c, studyId);
      int number = insertTrial(c, studyId, "RUNNING", startedAt, null);
      return load(c, studyId, number).get(0);
    });
  }

  /** Inserts a trial with the next number; returns the number. */
  private static int insertTrial(
      Connection c, long studyId, String state, Instant startedAt, Instant heartbeat)
      throws SQLException {
    int number;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM trials WHERE study_id = ?")) {
      ps.setLong(1, studyId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        number = rs.getInt(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO trials (study_id, number, state, started_at, heartbeat_at)"
            + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, studyId);
      ps.setInt(2, number);
      ps.setString(3, state);
      ps.setString(4, startedAt == null ? null : startedAt.toString());
      ps.setString(5, heartbeat == null ? null : heartbeat.toString());
      ps.executeUpdate();
    }
    return number;
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
        ps.executeUpdate();
      }
    }
  }

  private static void insertAttr(Connection c, long trialId, String key, String value)
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
  public TrialRecord enqueueTrial(long studyId, Map<String, Object> fixedParams) {
    Map<String, Object> fixed = StoreRules.normalizeFixedParams(fixedParams);
    return write("enqueue trial", c -> {
      studyName(c, studyId);
      int number = insertTrial(c, studyId, "WAITING", null, null);
      insertFixed(c, trialId(c, studyId, number), fixed);
      return load(c, studyId, number).get(0);
    });
  }

  @Override
  public Optional<TrialRecord> startTrial(
      long studyId, Instant startedAt, boolean heartbeat, int limit) {
    Objects.requireNonNull(startedAt, "startedAt");
    StoreRules.checkLimit(limit);
    return write("start trial", c -> {
      studyName(c, studyId);
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
      Integer waiting = null;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT MIN(number) FROM trials WHERE study_id = ? AND state = 'WAITING'")) {
        ps.setLong(1, studyId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          int n = rs.getInt(1);
          waiting = rs.wasNull() ? null : n;
        }
      }
      int number;
      if (waiting == null) {
        number = insertTrial(c, studyId, "RUNNING", startedAt, hb);
      } else {
        number = waiting;
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE trials SET state = 'RUNNING', started_at = ?, heartbeat_at = ?"
                + " WHERE study_id = ? AND number = ? AND state = 'WAITING'")) {
          ps.setString(1, startedAt.toString());
          ps.setString(2, hb == null ? null : hb.toString());
          ps.setLong(3, studyId);
          ps.setInt(4, number);
          if (ps.executeUpdate() != 1) {
            throw new IllegalStateException("trial " + number + " changed concurrently");
          }
        }
      }
      return Optional.of(load(c, studyId, number).get(0));
    });
  }

  @Override
  public boolean recordHeartbeat(long studyId, int number, Instant at) {
    Objects.requireNonNull(at, "at");
    return write("heartbeat of trial " + number, c -> {
      String study = studyName(c, studyId);
      TrialState state = stateOf(c, studyId, number, study);
      if (state == TrialState.WAITING) {
        throw new IllegalArgumentException(StoreRules.waitingMessage(study, number, "heartbeat"));
      }
      if (state.isFinished()) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE trials SET heartbeat_at = ? WHERE study_id = ? AND number = ?"
              + " AND state = 'RUNNING'")) {
        ps.setString(1, at.toString());
        ps.setLong(2, studyId);
        ps.setInt(3, number);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static TrialState stateOf(Connection c, long studyId, int number, String study)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT state FROM trials WHERE study_id = ? AND number = ?")) {
      ps.setLong(1, studyId);
      ps.setInt(2, number);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("study '" + study + "' has no trial " + number);
        }
        return TrialState.valueOf(rs.getString(1));
      }
    }
  }

  @Override
  public List<TrialRecord> failStaleTrials(
      long studyId, Instant heartbeatBefore, boolean requeue, Instant now) {
    Objects.requireNonNull(heartbeatBefore, "heartbeatBefore");
    Objects.requireNonNull(now, "now");
    return write("fail stale trials", c -> {
      studyName(c, studyId);
      Map<Integer, Instant> stale = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT number, heartbeat_at FROM trials WHERE study_id = ? AND state = 'RUNNING'"
              + " AND heartbeat_at IS NOT NULL")) {
        ps.setLong(1, studyId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant hb = Instant.parse(rs.getString(2));
            if (hb.isBefore(heartbeatBefore)) {
              stale.put(rs.getInt(1), hb);
            }
          }
        }
      }
      List<TrialRecord> out = new ArrayList<>();
      for (Map.Entry<Integer, Instant> e : stale.entrySet()) {
        int number = e.getKey();
        long tid = trialId(c, studyId, number);
        insertAttr(c, tid, TrialRecord.FAIL_REASON,
            StoreRules.staleReason(e.getValue(), heartbeatBefore));
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE trials SET state = 'FAIL', value = NULL, value_kind = NULL, finished_at = ?"
                + " WHERE trial_id = ? AND state = 'RUNNING'")) {
          ps.setString(1, now.toString());
          ps.setLong(2, tid);
          ps.executeUpdate();
        }
        TrialRecord rec = load(c, studyId, number).get(0);
        out.add(rec);
        if (requeue) {
          int retry = insertTrial(c, studyId, "WAITING", null, null);
          long rid = trialId(c, studyId, retry);
          insertFixed(c, rid, StoreRules.retryParams(rec));
          insertAttr(c, rid, TrialRecord.RETRY_OF, Integer.toString(number));
        }
      }
      return out;
    });
  }

  @Override
  public Map<TrialState, Integer> countTrials(long studyId) {
    return read("count trials", c -> {
      studyName(c, studyId);
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

  /** The trial_id of a RUNNING trial, or the contract's exception. */
  private static long running(Connection c, long studyId, int number, String what)
      throws SQLException {
    String study = studyName(c, studyId);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT trial_id, state FROM trials WHERE study_id = ? AND number = ?")) {
      ps.setLong(1, studyId);
      ps.setInt(2, number);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("study '" + study + "' has no trial " + number);
        }
        TrialState state = TrialState.valueOf(rs.getString(2));
        if (state == TrialState.WAITING) {
          throw new IllegalArgumentException(StoreRules.waitingMessage(study, number, what));
        }
        if (state.isFinished()) {
          throw new TrialFinishedException(
              StoreRules.finishedMessage(study, number, state, what));
        }
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void setTrialParam(
      long studyId, int number, String name, Object value, Distribution distribution) {
    write("set param " + name, c -> {
      long trialId = running(c, studyId, number, "set param " + name);
      StoreRules.checkParam(number, name, value, distribution);
      int ordinal;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*), SUM(name = ?) FROM trial_params WHERE trial_id = ?")) {
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
      double internal = distribution.toInternal(value);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_params (trial_id, ordinal, name, internal, internal_kind,"
              + " distribution) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, trialId);
        ps.setInt(2, ordinal);
        ps.setString(3, name);
        setReal(ps, 4, internal);
        ps.setString(5, NonFiniteCodec.kind(internal));
        ps.setString(6, Distributions.toJson(distribution));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setTrialIntermediateValue(long studyId, int number, int step, double value) {
    write("report step " + step, c -> {
      long trialId = running(c, studyId, number, "report step " + step);
      StoreRules.checkStep(number, step);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_intermediate_values (trial_id, step, value, value_kind)"
              + " VALUES (?, ?, ?, ?) ON CONFLICT (trial_id, step) DO UPDATE SET"
              + " value = excluded.value, value_kind = excluded.value_kind")) {
        ps.setLong(1, trialId);
        ps.setInt(2, step);
        setReal(ps, 3, value);
        ps.setString(4, NonFiniteCodec.kind(value));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void setTrialUserAttribute(long studyId, int number, String key, String value) {
    write("set trial attribute " + key, c -> {
      long trialId = running(c, studyId, number, "set user attribute " + key);
      StoreRules.checkAttribute(key, value);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_user_attributes (trial_id, key, value) VALUES (?, ?, ?)"
              + " ON CONFLICT (trial_id, key) DO UPDATE SET value = excluded.value")) {
        ps.setLong(1, trialId);
        ps.setString(2, key);
        ps.setString(3, value);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public TrialRecord finishTrialValues(
      long studyId, int number, TrialState state, List<Double> values, Instant finishedAt) {
    return write("finish trial " + number, c -> {
      long trialId = running(c, studyId, number, "finish as " + state);
      StoreRules.checkFinish(number, state, values);
      Objects.requireNonNull(finishedAt, "finishedAt");
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE trials SET state = ?, value = ?, value_kind = ?, finished_at = ?"
              + " WHERE trial_id = ? AND state = 'RUNNING'")) {
        ps.setString(1, state.name());
        if (values.isEmpty()) {
          ps.setNull(2, Types.REAL);
          ps.setNull(3, Types.VARCHAR);
        } else {
          setReal(ps, 2, values.get(0));
          ps.setString(3, NonFiniteCodec.kind(values.get(0)));
        }
        ps.setString(4, finishedAt.toString());
        ps.setLong(5, trialId);
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("trial " + number + " changed concurrently");
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO trial_values (trial_id, objective, value, value_kind)"
              + " VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < values.size(); i++) {
          ps.setLong(1, trialId);
          ps.setInt(2, i);
          setReal(ps, 3, values.get(i));
          ps.setString(4, NonFiniteCodec.kind(values.get(i)));
          ps.executeUpdate();
        }
      }
      return load(c, studyId, number).get(0);
    });
  }

  @Override
  public TrialRecord trial(long studyId, int number) {
    return read("read trial " + number, c -> {
      List<TrialRecord> r = load(c, studyId, number);
      if (r.isEmpty()) {
        throw new IllegalArgumentException(
            "study '" + studyName(c, studyId) + "' has no trial " + number);
      }
      return r.get(0);
    });
  }

  @Override
  public List<TrialRecord> trials(long studyId) {
    return read("read trials", c -> List.copyOf(load(c, studyId, null)));
  }

  private static void setReal(PreparedStatement ps, int i, double v) throws SQLException {
    Double real = NonFiniteCodec.real(v);
    if (real == null) {
      ps.setNull(i, Types.REAL);
    } else {
      ps.setDouble(i, real);
    }
  }

  private static Double getReal(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  /** Snapshots of the study's trials (all, or just {@code number}), ordered by number. */
  private static List<TrialRecord> load(Connection c, long studyId, Integer number)
      throws SQLException {
    studyName(c, studyId);
    String filter = number == null ? "" : " AND t.number = ?";
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT t.trial_id, t.number, t.state, t.value, t.value_kind, t.started_at,"
            + " t.finished_at, t.heartbeat_at FROM trials t WHERE t.study_id = ?" + filter
            + " ORDER BY t.number")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = new Row();
          r.number = rs.getInt(2);
          r.state = TrialState.valueOf(rs.getString(3));
          Double real = getReal(rs, 4);
          String kind = rs.getString(5);
          r.value = kind == null ? null : NonFiniteCodec.decode(real, kind);
          r.startedAt = instant(rs.getString(6));
          r.finishedAt = instant(rs.getString(7));
          r.heartbeatAt = instant(rs.getString(8));
          rows.put(rs.getLong(1), r);
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Distribution> parsed = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT p.trial_id, p.name, p.internal, p.internal_kind, p.distribution"
            + " FROM trial_params p JOIN trials t ON t.trial_id = p.trial_id"
            + " WHERE t.study_id = ?" + filter + " ORDER BY p.trial_id, p.ordinal")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = rows.get(rs.getLong(1));
          String json = rs.getString(5);
          Distribution d = parsed.computeIfAbsent(json, Distributions::fromJson);
          double internal = NonFiniteCodec.decode(getReal(rs, 3), rs.getString(4));
          r.params.put(rs.getString(2), d.toExternal(internal));
          r.dists.put(rs.getString(2), d);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT v.trial_id, v.step, v.value, v.value_kind FROM trial_intermediate_values v"
            + " JOIN trials t ON t.trial_id = v.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY v.trial_id, v.step")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.get(rs.getLong(1)).intermediate.put(
              rs.getInt(2), NonFiniteCodec.decode(getReal(rs, 3), rs.getString(4)));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.trial_id, a.key, a.value FROM trial_user_attributes a"
            + " JOIN trials t ON t.trial_id = a.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY a.trial_id, a.rowid")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.get(rs.getLong(1)).attrs.put(rs.getString(2), rs.getString(3));
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
          rows.get(rs.getLong(1)).fixed.put(
              rs.getString(2), StoreRules.parseFixed(rs.getString(3), rs.getString(4)));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT v.trial_id, v.value, v.value_kind FROM trial_values v"
            + " JOIN trials t ON t.trial_id = v.trial_id WHERE t.study_id = ?" + filter
            + " ORDER BY v.trial_id, v.objective")) {
      bind(ps, studyId, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.get(rs.getLong(1)).values.add(
              NonFiniteCodec.decode(getReal(rs, 2), rs.getString(3)));
        }
      }
    }
    List<TrialRecord> out = new ArrayList<>(rows.size());
    for (Row r : rows.values()) {
      out.add(new TrialRecord(r.number, r.state, r.params, r.dists, r.value, r.intermediate,
          r.attrs, r.startedAt, r.finishedAt, r.heartbeatAt, r.fixed, r.values));
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
    Double value;
    Instant startedAt;
    Instant finishedAt;
    Instant heartbeatAt;
    final Map<String, Object> fixed = new LinkedHashMap<>();
    final List<Double> values = new ArrayList<>();
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, Distribution> dists = new LinkedHashMap<>();
    final Map<Integer, Double> intermediate = new TreeMap<>();
    final Map<String, String> attrs = new LinkedHashMap<>();
  }

  /** Closes the connection (SQLite then checkpoints the WAL into the file); idempotent. */
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
    return "SqliteStudyStore[" + where + "]";
  }
}
