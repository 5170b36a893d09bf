package org.walle.deploy.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

import org.walle.deploy.WalleServer;

/**
 * The server side of {@link PushPullBenchmark}, in its own JVM so its CPU time can be read from /proc. Prints
 * {@code URL}, {@code TOKEN}, then answers {@code stats} on stdin until {@code quit}.
 */
public final class BenchServer {
    public static void main(String[] args) throws Exception {
        WalleServer s = WalleServer.start(new WalleServer.Options("127.0.0.1", 0, Path.of(args[0]), null, 250));
        System.out.println("URL " + s.url());
        System.out.println("TOKEN " + s.adminToken().orElseThrow());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null;) {
            if (line.equals("stats")) {
                WalleServer.Stats st = s.stats();
                System.out.println("STATS " + st.connectedDevices() + " " + st.pushFrames() + " " + st.pushBytes() + " "
                        + st.bytesSent());
                System.out.flush();
            } else if (line.equals("quit")) {
                break;
            }
        }
        s.stop();
        System.exit(0);
    }
}
