package officialgraph.neo4jdev;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community DBMS with only a Bolt connector on 127.0.0.1, no authentication, no usage
 * reporting and a small page cache, for development and tests.
 *
 * <p>Prints exactly one line on stdout, {@code READY bolt://127.0.0.1:PORT}, once {@code RETURN 1} has succeeded
 * through the embedded API and the Bolt port accepts connections; everything else goes to stderr. Then blocks until
 * the JVM is asked to stop (SIGTERM/SIGINT), when a shutdown hook stops the DBMS and deletes the data directory if it
 * was a temporary one.
 *
 * <pre>
 * usage: Main [--port N] [--data-dir DIR] [--config FILE] [--tx-timeout SECONDS]
 *   --port N          Bolt port on 127.0.0.1 (default: $NEO4JDEV_PORT or 7687; 0 picks a free port)
 *   --data-dir DIR    Neo4j home (data/ and logs/ under it); kept on exit. Default: a temporary directory,
 *                     deleted on exit.
 *   --config FILE     extra neo4j.conf-style settings, applied after the defaults
 *   --tx-timeout S    default transaction timeout in seconds (default 300; 0 means none)
 * </pre>
 */
public final class Main {
    private static final String HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 7687;
    private static final long PAGE_CACHE_MIB = 128;
    private static final long DEFAULT_TX_TIMEOUT_SECONDS = 300;

    private static final PrintStream ERR = System.err;
    private static final Object LOCK = new Object();

    private static DatabaseManagementService managementService; // guarded by LOCK
    private static Path tempHome; // guarded by LOCK; non-null only while a temporary home exists
    private static boolean stopped; // guarded by LOCK
    private static volatile boolean stopRequested;

    private Main() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            ERR.println("neo4jdev: " + e.getMessage());
            ERR.println(
                    "usage: neo4jdev [--port N] [--data-dir DIR] [--config FILE] [--tx-timeout SECONDS]");
            System.exit(2);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Main::stop, "neo4jdev-shutdown"));

        try {
            String uri = start(options);
            if (stopRequested) {
                return; // SIGTERM/SIGINT arrived while starting: the shutdown hook takes over
            }
            // The one and only line on stdout.
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("READY " + uri);
            out.flush();
        } catch (Throwable t) {
            ERR.println("neo4jdev: start failed: " + t);
            t.printStackTrace(ERR);
            System.exit(1); // runs the shutdown hook, which cleans up
            return;
        }

        try {
            new CountDownLatch(1).await(); // until SIGTERM/SIGINT
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String start(Options options) throws IOException {
        long t0 = System.nanoTime();
        synchronized (LOCK) {
            if (stopped) {
                throw new IllegalStateException("stop requested before start");
            }
            Path home;
            if (options.dataDir != null) {
                home = options.dataDir.toAbsolutePath();
                Files.createDirectories(home);
                ERR.println("neo4jdev: data directory " + home + " (kept on exit)");
            } else {
                home = Files.createTempDirectory("neo4jdev-");
                tempHome = home;
                ERR.println("neo4jdev: temporary data directory " + home);
            }

            int port = options.port == 0 ? freePort() : options.port;
            SocketAddress bolt = new SocketAddress(HOST, port);

            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(ERR, Level.INFO))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, bolt)
                    .setConfig(BoltConnector.advertised_address, bolt)
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // With ALL (the default) the server hints a receive timeout, and the Go driver races
                    // every read against it in a goroutine of its own.
                    .setConfig(BoltConnector.connection_keep_alive_type, BoltConnector.KeepAliveRequestType.STREAMING)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(PAGE_CACHE_MIB))
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(options.txTimeoutSeconds))
                    // Throw-away data: no need to reserve disk space up front.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                    // Netty's graceful shutdown waits a 5 s quiet period per event loop group (about 10 s in
                    // all); nothing here needs it.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
            if (options.configFile != null) {
                builder.loadPropertiesFromFile(options.configFile);
            }

            managementService = builder.build();
            GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);

            Object one = db.executeTransactionally(
                    "RETURN 1 AS one", Map.of(), result -> result.next().get("one"));
            if (!(one instanceof Number) || ((Number) one).longValue() != 1L) {
                throw new IllegalStateException("RETURN 1 returned " + one);
            }

            int boundPort = boundBoltPort(db, port);
            awaitTcp(boundPort);
            // The page cache as configured, a --config file included.
            Long pageCache = ((GraphDatabaseAPI) db)
                    .getDependencyResolver()
                    .resolveDependency(Config.class)
                    .get(GraphDatabaseSettings.pagecache_memory);
            ERR.printf(
                    "neo4jdev: Neo4j %s ready on bolt://%s:%d in %d ms (page cache %d MiB, tx timeout %d s)%n",
                    neo4jVersion(),
                    HOST,
                    boundPort,
                    (System.nanoTime() - t0) / 1_000_000,
                    pageCache == null ? -1 : pageCache / (1024 * 1024),
                    options.txTimeoutSeconds);
            return "bolt://" + HOST + ":" + boundPort;
        }
    }

    /** Shutdown hook: stop the DBMS, then delete the temporary home. Idempotent. */
    private static void stop() {
        stopRequested = true;
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (managementService != null) {
                ERR.println("neo4jdev: shutting down");
                try {
                    managementService.shutdown();
                } catch (Throwable t) {
                    ERR.println("neo4jdev: shutdown failed: " + t);
                }
                managementService = null;
            }
            if (tempHome != null) {
                try {
                    deleteRecursively(tempHome);
                    ERR.println("neo4jdev: deleted " + tempHome);
                } catch (IOException e) {
                    ERR.println("neo4jdev: could not delete " + tempHome + ": " + e);
                }
                tempHome = null;
            }
            ERR.println("neo4jdev: stopped");
            ERR.flush();
        }
    }

    private static int boundBoltPort(GraphDatabaseService db, int configured) {
        try {
            HostnamePort address = ((GraphDatabaseAPI) db)
                    .getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            if (address != null && address.getPort() > 0) {
                return address.getPort();
            }
        } catch (RuntimeException e) {
            ERR.println("neo4jdev: could not read the bound Bolt port (" + e + "); assuming " + configured);
        }
        return configured;
    }

    /** The Bolt connector is started with the DBMS; make sure it really accepts connections. */
    private static void awaitTcp(int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IOException last;
        do {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1000);
                return;
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the Bolt port", e);
            }
        } while (System.nanoTime() < deadline);
        throw new IOException("Bolt port " + port + " does not accept connections", last);
    }

    /** A port that is free right now (there is a small window in which something else could take it). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String neo4jVersion() {
        Package p = GraphDatabaseService.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "(unknown version)" : v;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static final class Options {
        int port = DEFAULT_PORT;
        Path dataDir;
        Path configFile;
        long txTimeoutSeconds = DEFAULT_TX_TIMEOUT_SECONDS;

        static Options parse(String[] args) {
            Options o = new Options();
            String envPort = System.getenv("NEO4JDEV_PORT");
            if (envPort != null && !envPort.isBlank()) {
                o.port = parsePort(envPort.trim());
            }
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--port" -> o.port = parsePort(value != null ? value : next(args, ++i, a));
                    case "--data-dir" -> o.dataDir = Paths.get(value != null ? value : next(args, ++i, a));
                    case "--config" -> o.configFile = Paths.get(value != null ? value : next(args, ++i, a));
                    case "--tx-timeout" -> {
                        String s = value != null ? value : next(args, ++i, a);
                        try {
                            o.txTimeoutSeconds = Long.parseLong(s);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("bad --tx-timeout: " + s);
                        }
                        if (o.txTimeoutSeconds < 0) {
                            throw new IllegalArgumentException("bad --tx-timeout: " + s);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            return o;
        }

        private static String next(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String s) {
            try {
                int p = Integer.parseInt(s);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("bad port: " + s);
        }
    }
}
