import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Embedded Neo4j 5.26 with Bolt on 127.0.0.1, for a parent process (src/db/embedded.ts) that
 * reads one line: "NEO4J_READY bolt://127.0.0.1:PORT" on stdout, or "NEO4J_ERROR reason" on
 * stderr. See README.md beside this file for flags and exit codes.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final int EXIT_OTHER = 1, EXIT_PORT = 3, EXIT_DATA_DIR = 4;
    /** dbms.security.procedures.allowlist: every procedure and function the project calls. */
    private static final List<String> ALLOWED_PROCEDURES = List.of(
            "db.awaitIndexes", "db.index.fulltext.queryNodes", "dbms.components",
            "apoc.util.validate", "apoc.util.validatePredicate", "apoc.date.convertFormat");
    /** In the data dir: the sha256 of the password last set, so a restart need not set it again. */
    private static final String PASSWORD_APPLIED = "neo4j-password.applied";
    private static final AtomicReference<DatabaseManagementService> DBMS = new AtomicReference<>();
    private static volatile boolean ready;

    /** Carries an exit code to main, so every failure leaves through one place, without a trace. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    public static void main(String[] argv) {
        try {
            run(parse(argv));
        } catch (Failure f) {
            fail(f.code, f.getMessage());
        } catch (Throwable t) {
            fail(EXIT_OTHER, rootMessage(t) + " (details in the logs folder under the data dir)");
        }
    }

    private static void run(Map<String, String> opts) throws Exception {
        int port = parsePort(opts.getOrDefault("port", "7687"));
        Path dataDir = Path.of(opts.getOrDefault("data-dir", ".neo4j/data")).toAbsolutePath().normalize();
        Path pluginsDir = Path.of(opts.getOrDefault("plugins-dir", ".neo4j/lib/plugins")).toAbsolutePath().normalize();
        long pageCache = parse("--pagecache", opts.getOrDefault("pagecache", "256m"), SettingValueParsers.BYTES::parse);
        Duration txTimeout = parse("--tx-timeout", opts.getOrDefault("tx-timeout", "0s"), SettingValueParsers.DURATION::parse);
        String password = readPassword(opts.get("password-file"));

        // Neo4j would report a taken port only after seconds of start-up, wrapped in several
        // layers of exceptions; a bind attempt up front gives a fast, precise answer.
        checkPortFree(port);
        checkWritable(dataDir);

        Map<org.neo4j.graphdb.config.Setting<?>, Object> config = new HashMap<>();
        config.put(GraphDatabaseSettings.data_directory, dataDir);
        config.put(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"));
        config.put(GraphDatabaseSettings.plugin_dir, pluginsDir);
        config.put(GraphDatabaseSettings.pagecache_memory, pageCache);
        config.put(GraphDatabaseSettings.transaction_timeout, txTimeout);
        // How long a transaction waits for a bookmark this member has not applied (30 s by default):
        // a request holds its pooled connection meanwhile, so the wait is short and bounded; the
        // server answers 503 DATABASE_UNAVAILABLE with Retry-After when it runs out.
        config.put(GraphDatabaseSettings.bookmark_ready_timeout, Duration.ofSeconds(1));
        // Only what the project runs: its own Cypher (cypher/), and the bench's @neo4j/graphql server
        // (dbms.components at start, APOC's validate helpers and date conversion in its Cypher).
        // Neo4j loads no other procedure or function, built-in or APOC.
        config.put(GraphDatabaseSettings.procedure_allowlist, ALLOWED_PROCEDURES);
        // Any local process can reach a loopback port: Bolt asks for the password of the file
        // beside the store, and LOAD CSV may not read local files as the JVM's user.
        config.put(GraphDatabaseSettings.auth_enabled, true);
        config.put(GraphDatabaseSettings.allow_file_urls, false);
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(HOST, port));
        // The HTTP connector needs servlet classes embedded mode lacks (neo4j issue 13346); drivers need only Bolt.
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        // No internet on the target machines; don't let the usage-data reporter try.
        config.put(GraphDatabaseSettings.udc_enabled, false);
        // Bolt stops last, after the databases are checkpointed and its clients gone; Netty's
        // default 5 s quiet period would only add 5 s to every stop (and every test run).
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        // SIGTERM/SIGINT and System.exit all run this hook; before build() returns there is
        // nothing to shut down cleanly, and the next start recovers, as after a SIGKILL.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService running = DBMS.get();
            if (running == null) return;
            running.shutdown();
            System.out.println("NEO4J_STOPPED");
            System.out.flush();
        }, "neo4j-shutdown"));
        if (!opts.containsKey("ignore-stdin")) watchStdin();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir).setConfig(config).build();
        DBMS.set(dbms);
        if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(Duration.ofMinutes(10).toMillis())) {
            throw new Failure(EXIT_OTHER, "database 'neo4j' did not become available; see the logs folder under the data dir");
        }
        setPassword(dbms, password, dataDir.resolve(PASSWORD_APPLIED));
        awaitBolt(port);
        ready = true; // First, so that an EOF from here on means a clean stop, never an error after READY.
        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();
        new CountDownLatch(1).await(); // Leaves only through System.exit or a signal, both of which run the hook.
    }

    /** The password of the file the parent wrote (mode 600, in the data dir); required. */
    private static String readPassword(String file) throws Failure {
        if (file == null) throw new Failure(EXIT_OTHER, "--password-file is required: auth is always on");
        try {
            String pw = Files.readString(Path.of(file)).trim();
            if (pw.length() < 16) throw new Failure(EXIT_OTHER, "password file " + file + " holds fewer than 16 characters");
            return pw;
        } catch (IOException e) {
            throw new Failure(EXIT_OTHER, "cannot read password file " + file + " (" + describe(e) + ")");
        }
    }

    /**
     * Gives the user neo4j the password of the file: on the first start it replaces Neo4j's
     * initial "neo4j" (which would have to be changed before use), and a later start follows a
     * file that was replaced. The embedded API itself needs no credentials. A start whose password
     * is already set (its sha256 in `applied`) skips it: Bolt is open by now, and logins wait
     * while the system database runs the change (seconds on a cold, busy JVM).
     */
    private static void setPassword(DatabaseManagementService dbms, String password, Path applied) throws Failure {
        String digest = sha256(password);
        try {
            if (Files.exists(applied) && Files.readString(applied).trim().equals(digest)) return;
        } catch (IOException e) {
            // Unreadable: set the password again.
        }
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has: nothing to do then.
            if (!String.valueOf(rootMessage(e)).contains("cannot be the same")) {
                throw new Failure(EXIT_OTHER, "could not set the password of user neo4j: " + rootMessage(e));
            }
        }
        try {
            Files.writeString(applied, digest + "\n");
        } catch (IOException e) {
            throw new Failure(EXIT_DATA_DIR, "cannot write " + applied + " (" + describe(e) + ")");
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parent holds our stdin open; EOF means it is gone, even if it died by SIGKILL. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) != -1) { /* input is ignored; only EOF matters */ }
            } catch (IOException ignored) {
                // A broken stdin means the same as EOF.
            }
            if (ready) System.exit(0);
            fail(EXIT_OTHER, "stdin closed before Neo4j was ready, so the parent is gone; stopping."
                    + " To run detached from stdin (e.g. with < /dev/null), pass --ignore-stdin");
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void checkPortFree(int port) throws Failure {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // As Netty does, so a socket in TIME_WAIT from our last run is no conflict.
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (BindException e) {
            throw new Failure(EXIT_PORT, "port " + port + " on " + HOST + " is already in use (" + e.getMessage()
                    + "); stop whatever holds it (ss -ltnp 'sport = :" + port + "') or choose another port");
        } catch (IOException e) {
            throw new Failure(EXIT_PORT, "cannot bind " + HOST + ":" + port + ": " + e.getMessage());
        }
    }

    private static void checkWritable(Path dir) throws Failure {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-test", null));
        } catch (IOException | SecurityException e) {
            throw new Failure(EXIT_DATA_DIR, "data dir " + dir + " is not writable (" + describe(e)
                    + "); fix its permissions or pass another --data-dir");
        }
    }

    /** build() returns with Bolt bound, but one real connection proves what READY promises. */
    private static void awaitBolt(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new Failure(EXIT_OTHER, "Bolt is not accepting connections on " + HOST + ":" + port + ": " + e.getMessage());
                }
                Thread.sleep(50);
            }
        }
    }

    private static Map<String, String> parse(String[] argv) throws Failure {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--ignore-stdin")) {
                opts.put("ignore-stdin", "");
            } else if (a.startsWith("--") && List.of("--port", "--data-dir", "--pagecache", "--plugins-dir", "--tx-timeout", "--password-file").contains(a)
                    && i + 1 < argv.length) {
                opts.put(a.substring(2), argv[++i]);
            } else {
                throw new Failure(EXIT_OTHER, "bad argument '" + a + "'; usage: Launcher [--port 7687] [--data-dir DIR]"
                        + " [--pagecache 256m] [--plugins-dir DIR] [--tx-timeout 30s] --password-file FILE [--ignore-stdin]");
            }
        }
        return opts;
    }

    private static int parsePort(String s) throws Failure {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new Failure(EXIT_OTHER, "--port must be 1-65535, got '" + s + "'");
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parse(String flag, String value, Parser<T> parser) throws Failure {
        try {
            return parser.parse(value);
        } catch (RuntimeException e) {
            throw new Failure(EXIT_OTHER, flag + " '" + value + "' is invalid: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        // Neo4j hangs the real reasons of some failures (e.g. procedure loading) off suppressed exceptions.
        Throwable[] suppressed = root.getSuppressed();
        return suppressed.length == 0 ? describe(root) : describe(root) + " " + describe(suppressed[0]);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return (m == null || m.isBlank()) ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }

    private static void fail(int code, String message) {
        System.err.println("NEO4J_ERROR " + message.replace('\n', ' '));
        System.err.flush();
        System.exit(code);
    }
}
