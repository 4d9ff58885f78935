package org.anaiss.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the local infrastructure for fault tests: through deploy/local/infra.sh for what
 * those scripts started (pid files), and the machine's pg_ctlcluster for a PostgreSQL it runs itself.
 */
public final class Infra {

    private Infra() {
    }

    static Path root() {
        return Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
    }

    /** Whether deploy/local started this part (so it may stop and start it). */
    public static boolean startedByScripts(String part) {
        Path pidFile = Path.of(Env.get("ANAISS_STATE", root().resolve(".local").toString())).resolve("pids/" + part + ".pid");
        try {
            // a pid file left by a start that failed names no process: then the scripts cannot stop it
            return Files.exists(pidFile)
                    && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    public static void down(String part) {
        run(List.of(root().resolve("deploy/local/infra.sh").toString(), "down", part));
    }

    public static void up(String part) {
        run(List.of(root().resolve("deploy/local/infra.sh").toString(), "up", part));
    }

    /** The cluster the machine runs (Debian's pg_ctlcluster), when PostgreSQL was not started by the scripts. */
    public static boolean canRestartSystemPostgres() {
        return !startedByScripts("postgres") && Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))
                && Files.isDirectory(Path.of("/etc/postgresql"));
    }

    public static void restartPostgres() {
        if (startedByScripts("postgres")) {
            down("postgres");
            up("postgres");
            return;
        }
        String[] versions = Path.of("/etc/postgresql").toFile().list();
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("no PostgreSQL cluster to restart");
        }
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "restart"));
    }

    private static void run(List<String> command) {
        List<String> cmd = new ArrayList<>(command);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root().resolve("system-tests/target/infra-control.log").toFile()))
                    .start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed; see system-tests/target/infra-control.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
