package dev.alike.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.sqlite.SQLiteConfig;

/**
 * The local store's SQLite file: its schema, one writer connection and a few reader connections.
 * WAL journal mode, so readers (a serving process) never wait for a writer (a build) and see the
 * last committed state; {@code synchronous=NORMAL}, which in WAL mode loses at most the last
 * commits on a power cut, never consistency. The schema is documented in docs/storage.md.
 */
final class SqliteDatabase implements AutoCloseable {
  /** The database file's name inside the store directory. */
  static final String FILE = "alike.db";

  private static final String[] SCHEMA = {
    """
    CREATE TABLE IF NOT EXISTS versions (
      version    TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      skus       INTEGER NOT NULL,
      finished   INTEGER NOT NULL DEFAULT 0,
      popular    TEXT,
      report     TEXT,
      model      TEXT NOT NULL DEFAULT 'default')""",
    """
    CREATE TABLE IF NOT EXISTS sku_documents (
      version TEXT NOT NULL,
      sku     TEXT NOT NULL,
      doc     TEXT NOT NULL,
      PRIMARY KEY (version, sku))""",
    """
    CREATE TABLE IF NOT EXISTS profiles (
      customer TEXT PRIMARY KEY,
      hash     TEXT NOT NULL,
      doc      TEXT NOT NULL) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS applied_updates (
      id         TEXT PRIMARY KEY,
      customer   TEXT NOT NULL,
      applied_at INTEGER NOT NULL) WITHOUT ROWID""",
    """
    CREATE TABLE IF NOT EXISTS catalog_updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at  INTEGER NOT NULL,
      sku TEXT NOT NULL,
      doc TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS catalog_updates_at ON catalog_updates (at)",
    """
    CREATE TABLE IF NOT EXISTS current (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      version TEXT NOT NULL REFERENCES versions (version))""",
    """
    CREATE TABLE IF NOT EXISTS model_current (
      model   TEXT PRIMARY KEY,
      version TEXT NOT NULL REFERENCES versions (version)) WITHOUT ROWID""",
  };

  private final Path file;

  /** How long a statement waits for another process's lock before failing. */
  private final int busyTimeoutMs;

  private final Connection writer;
  private final BlockingQueue<Connection> readers;
  private final List<Connection> all = new ArrayList<>();

  /** The file's identity when opened (inode and device where the file system has them). */
  private final Object fileKey;

  /** Set when a statement found the file damaged; see {@link #stale()}. */
  private volatile boolean damaged;

  /** When {@link #stale()} last compared the file's identity (nanoTime). */
  private volatile long checkedAt = System.nanoTime();

  /** A connection's work, which may fail with SQL errors. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private SqliteDatabase(Path file, int readerCount, int busyTimeoutMs) throws SQLException {
    this.file = file;
    this.busyTimeoutMs = busyTimeoutMs;
    this.readers = new ArrayBlockingQueue<>(readerCount);
    try {
      this.writer = connect();
      try (Statement s = writer.createStatement()) {
        for (String ddl : SCHEMA) {
          s.executeUpdate(ddl);
        }
        addModelColumn(s);
      }
      for (int i = 0; i < readerCount; i++) {
        readers.add(connect());
      }
    } catch (SQLException | RuntimeException e) {
      close(); // a file that cannot be opened must not leave connections behind
      throw e;
    }
    this.fileKey = fileKey(file);
  }

  /**
   * Gives a file written before named models its {@code versions.model} column (every version in it
   * then belongs to the default model, whose pointer is still the {@code current} row).
   */
  private static void addModelColumn(Statement s) throws SQLException {
    try (java.sql.ResultSet r =
        s.executeQuery("SELECT 1 FROM pragma_table_info('versions')" + " WHERE name = 'model'")) {
      if (r.next()) {
        return;
      }
    }
    s.executeUpdate("ALTER TABLE versions ADD COLUMN model TEXT NOT NULL DEFAULT 'default'");
  }

  /**
   * Whether these connections should be replaced by a new open: a statement found the file damaged
   * (corrupt, not a database, an I/O error), or the file at the path is no longer the one opened (a
   * restored or rebuilt file replaced it; the connections would keep reading the old one). The
   * identity is compared at most once a second; a missing file keeps the connections (they still
   * read the last good model).
   */
  boolean stale() {
    if (damaged) {
      return true;
    }
    long now = System.nanoTime();
    if (now - checkedAt < 1_000_000_000L) {
      return false;
    }
    checkedAt = now;
    Object key = fileKey(file);
    return key != null && fileKey != null && !key.equals(fileKey);
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
          .fileKey();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The failure of {@code what}, noting a damaged file (SQLite's IOERR, CORRUPT, NOTADB). */
  private StoreException failure(String what, SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    if (primary == 10 || primary == 11 || primary == 26) {
      damaged = true;
    }
    return new StoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
  }

  /**
   * Opens (and with {@code create}, creates) the database in {@code dir}; null when it does not
   * exist and {@code create} is false. Statements wait up to {@code busyTimeout} for another
   * process's lock.
   */
  static SqliteDatabase open(Path dir, boolean create, java.time.Duration busyTimeout) {
    Path file = dir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        if (!create) {
          return null;
        }
        Files.createDirectories(dir);
        create(file);
      }
      return new SqliteDatabase(
          file,
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          (int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the local store database " + file + ": " + e, e);
    }
  }

  /**
   * Creates the file with 16 KB pages, which hold several SKU documents (about 2 KB each): writing
   * 100k 1.9 KB rows took 2.5 s instead of 4.3 s with the default 4 KB pages (Python's sqlite3,
   * loaded 2-core machine). The page size is fixed once the file is in WAL mode, hence here, before
   * any connection with the store's settings; an existing file keeps its page size.
   */
  private static void create(Path file) throws SQLException {
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size = 16384");
      s.execute("PRAGMA journal_mode = WAL");
    }
  }

  Path file() {
    return file;
  }

  private Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(busyTimeoutMs);
    config.enforceForeignKeys(true);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    synchronized (all) {
      all.add(c);
    }
    return c;
  }

  /** Runs {@code work} on a reader connection (autocommit: each statement sees the last commit). */
  <T> T read(String what, Work<T> work) {
    Connection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to " + what, e);
    }
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      readers.add(c);
    }
  }

  /**
   * Runs {@code work} in one write transaction on the writer connection: all of it commits or none
   * of it does (a process killed inside leaves the database as it was before).
   */
  <T> T write(String what, Work<T> work) {
    synchronized (writer) {
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // waits up to the busy timeout for another writer
        try {
          T result = work.run(writer);
          s.execute("COMMIT");
          return result;
        } catch (SQLException | RuntimeException e) {
          try {
            s.execute("ROLLBACK");
          } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
  }

  @Override
  public void close() {
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing: nothing left to save
        }
      }
      all.clear();
    }
  }
}
