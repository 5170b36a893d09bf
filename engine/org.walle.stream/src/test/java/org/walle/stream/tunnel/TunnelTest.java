package org.walle.stream.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private SSLContext serverTls;
    private SSLContext clientTls;

    @BeforeEach
    void tls() throws Exception {
        SSLContext[] contexts = TunnelTls.development(dir.resolve("certs"), PASSWORD);
        serverTls = contexts[0];
        clientTls = contexts[1];
    }

    private static TunnelOptions fastRetry() {
        return TunnelOptions.builder().backoffMillis(20, 200).ackTimeoutMillis(3_000).build();
    }

    /** Messages of varied size whose content is derived from their index, so any mix-up is detected. */
    static byte[] message(int i) {
        byte[] m = new byte[16 + (i * 131) % 4000];
        new Random(i).nextBytes(m);
        return m;
    }

    @Test
    void developmentCertificatesAreMadeOnceAndReused() throws Exception {
        Path certs = dir.resolve("certs");
        byte[] first = Files.readAllBytes(certs.resolve(DevCertificates.TRUSTSTORE));
        assertFalse(DevCertificates.ensure(certs, PASSWORD), "second run reuses the files");
        assertArrayEquals(first, Files.readAllBytes(certs.resolve(DevCertificates.TRUSTSTORE)));
    }

    @Test
    void deliversEveryMessageOnceInOrder() throws Exception {
        try (ReceiverStore store = ReceiverStore.open(dir.resolve("rx"));
                TunnelReceiver receiver = new TunnelReceiver(store, serverTls, 0).start();
                TunnelSender sender = new TunnelSender("localhost", receiver.port(), clientTls, "phone-1",
                        fastRetry()).start()) {
            long last = 0;
            for (int i = 0; i < 500; i++) {
                last = sender.send(message(i));
            }
            assertTrue(sender.awaitAcked(last, 60, TimeUnit.SECONDS), "all acknowledged; " + sender.lastError());
            assertEquals(500, store.count("phone-1"));
            List<StoredMessage> stored = store.messages("phone-1", 0, 1000);
            for (int i = 0; i < 500; i++) {
                assertEquals(i + 1, stored.get(i).sequence());
                assertArrayEquals(message(i), stored.get(i).payload(), "message " + i);
            }
            assertTrue(receiver.batchesReceived() < 500, "messages were batched: " + receiver.batchesReceived());
        }
    }

    /**
     * The fault test: the connection is cut three times and the receiver is stopped and restarted (store closed and
     * reopened) while 3000 messages flow. Nothing may be lost and nothing stored twice.
     */
    @Test
    void cutsAndAReceiverRestartLoseNothingAndDuplicateNothing() throws Exception {
        Path rx = dir.resolve("rx");
        ReceiverStore store = ReceiverStore.open(rx);
        TunnelReceiver receiver = new TunnelReceiver(store, serverTls, 0).start();
        int port = receiver.port();
        int total = 3000;
        try (FaultProxy proxy = new FaultProxy(port);
                TunnelSender sender = new TunnelSender("localhost", proxy.port(), clientTls, "phone-2",
                        fastRetry()).start()) {
            for (int i = 0; i < total; i++) {
                sender.send(message(i));
                if (i == 500 || i == 1200 || i == 1800 || i == 2600) {
                    // let the stream flow, then strike with up to 200 messages unacknowledged
                    assertTrue(sender.awaitAcked(i - 200, 60, TimeUnit.SECONDS), "flowing; " + sender.lastError());
                }
                if (i == 500 || i == 1200 || i == 2600) {
                    proxy.cutAll();
                }
                if (i == 1800) { // receiver crash-restart on the same port with the same store directory
                    receiver.close();
                    store.close();
                    store = ReceiverStore.open(rx);
                    receiver = new TunnelReceiver(store, serverTls, port).start();
                }
            }
            assertTrue(sender.awaitAcked(total, 90, TimeUnit.SECONDS),
                    "acked " + sender.ackedUpTo() + "; " + sender.lastError());
            assertTrue(sender.connects() >= 4, "reconnected after each fault: " + sender.connects());
        } finally {
            receiver.close();
            store.close();
        }
        try (ReceiverStore reopened = ReceiverStore.open(rx)) {
            assertEquals(total, reopened.count("phone-2"), "exactly once in the store");
            List<StoredMessage> stored = reopened.messages("phone-2", 0, total);
            for (int i = 0; i < total; i++) {
                assertEquals(i + 1, stored.get(i).sequence());
                assertArrayEquals(message(i), stored.get(i).payload(), "message " + i);
            }
        }
    }

    @Test
    void receiverDropsRetransmissionsAndGapsDurably() throws Exception {
        Path rx = dir.resolve("rx");
        try (ReceiverStore store = ReceiverStore.open(rx)) {
            assertEquals(3, store.store("d", "s", 1, List.of(new byte[] {1}, new byte[] {2}, new byte[] {3})));
            assertEquals(4, store.store("d", "s", 2, List.of(new byte[] {2}, new byte[] {3}, new byte[] {4})));
            assertEquals(2, store.duplicatesDropped());
            assertEquals(4, store.store("d", "s", 7, List.of(new byte[] {7})), "a gap stores nothing");
            assertEquals(1, store.store("d", "other-stream", 1, List.of(new byte[] {9})));
        }
        try (ReceiverStore store = ReceiverStore.open(rx)) {
            assertEquals(4, store.watermark("d", "s"));
            assertEquals(5, store.count("d"));
            assertEquals(3, store.store("d", "s", 1, List.of(new byte[] {1})) - 1, "still deduplicated");
            byte[] fourth = store.messages("d", 3, 1).get(0).payload();
            assertArrayEquals(new byte[] {4}, fourth);
        }
    }

    /** Hostile peers: a device that trusts another certificate, and a client sending a garbage frame. */
    @Test
    void untrustedCertificatesAndGarbageFramesAreRefused() throws Exception {
        SSLContext otherTrust = TunnelTls.development(dir.resolve("other-certs"), PASSWORD)[1];
        try (ReceiverStore store = ReceiverStore.open(dir.resolve("rx"));
                TunnelReceiver receiver = new TunnelReceiver(store, serverTls, 0).start()) {
            try (TunnelSender sender = new TunnelSender("localhost", receiver.port(), otherTrust, "mallory",
                    fastRetry()).start()) {
                long seq = sender.send(new byte[] {1});
                assertFalse(sender.awaitAcked(seq, 1, TimeUnit.SECONDS));
                assertNotNull(sender.lastError());
                assertTrue(sender.lastError().contains("SSLHandshakeException"), sender.lastError());
            }
            try (SSLSocket raw = (SSLSocket) clientTls.getSocketFactory().createSocket("localhost",
                    receiver.port())) {
                DataOutputStream out = new DataOutputStream(raw.getOutputStream());
                out.writeByte(1);
                out.writeInt(Integer.MAX_VALUE); // a frame length no receiver should allocate
                out.flush();
                assertEquals(-1, raw.getInputStream().read(), "the receiver hung up");
            }
            // the receiver counts on its own connection thread: wait for it rather than race it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (receiver.protocolErrors() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(receiver.protocolErrors() >= 2, "errors " + receiver.protocolErrors());
            assertEquals(0, store.count());
            // and it still serves well-behaved devices
            try (TunnelSender good = new TunnelSender("localhost", receiver.port(), clientTls, "good",
                    fastRetry()).start()) {
                assertTrue(good.awaitAcked(good.send(new byte[] {42}), 30, TimeUnit.SECONDS));
            }
            assertEquals(List.of("good"), store.devices());
        }
    }

    @Test
    void sentMessagesKeepTheirBytesEvenWhenTheCallerReusesTheArray() throws Exception {
        try (ReceiverStore store = ReceiverStore.open(dir.resolve("rx"));
                TunnelReceiver receiver = new TunnelReceiver(store, serverTls, 0).start();
                TunnelSender sender = new TunnelSender("127.0.0.1", receiver.port(), clientTls, "p",
                        fastRetry()).start()) {
            byte[] buffer = {1, 2, 3};
            sender.send(buffer);
            buffer[0] = 9;
            assertTrue(sender.awaitAcked(sender.send(buffer), 30, TimeUnit.SECONDS));
            List<byte[]> payloads = new ArrayList<>();
            store.messages("p", 0, 10).forEach(m -> payloads.add(m.payload()));
            assertArrayEquals(new byte[] {1, 2, 3}, payloads.get(0));
            assertArrayEquals(new byte[] {9, 2, 3}, payloads.get(1));
        }
    }
}
