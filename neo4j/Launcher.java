import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
        config.put(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        // Safe only because Bolt listens on loopback: anything that can connect already runs here.
        config.put(GraphDatabaseSettings.auth_enabled, false);
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
        awaitBolt(port);
        ready = true; // First, so that an EOF from here on means a clean stop, never an error after READY.
        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();
        new CountDownLatch(1).await(); // Leaves only through System.exit or a signal, both of which run the hook.
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
            } else if (a.startsWith("--") && List.of("--port", "--data-dir", "--pagecache", "--plugins-dir", "--tx-timeout").contains(a)
                    && i + 1 < argv.length) {
                opts.put(a.substring(2), argv[++i]);
            } else {
                throw new Failure(EXIT_OTHER, "bad argument '" + a + "'; usage: Launcher [--port 7687] [--data-dir DIR]"
                        + " [--pagecache 256m] [--plugins-dir DIR] [--tx-timeout 30s] [--ignore-stdin]");
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
