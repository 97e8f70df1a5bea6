import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

/**
 * Runs `neo4j-admin` (AdminTool, from the jars the project already fetches) with a home folder
 * given as the first argument instead of the NEO4J_HOME environment variable, which the Node side
 * does not set (src/config.ts is its only reader of the environment). src/db/embedded.ts
 * (importIntoStore) runs `database import full` through it into a stopped store.
 *
 * Usage: Importer HOME neo4j-admin-arguments...   Exit code: neo4j-admin's.
 */
public final class Importer {
    private Importer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Importer HOME neo4j-admin-arguments...");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        int code = AdminTool.execute(new ExecutionContext(home, conf), Arrays.copyOfRange(args, 1, args.length));
        System.exit(code);
    }
}
