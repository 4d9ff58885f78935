package org.anaiss.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 on a plain socket, to see exactly what the gateway does with a body it refuses: whether
 * the answer arrives while or instead of the body being sent, and whether the connection is closed.
 * Every read is bounded by a socket timeout, so a hang fails the test instead of blocking it.
 */
public final class RawHttp {

    /** What came back: the status, the headers (lowercase names), the body, and whether the connection was closed after. */
    public record Answer(int status, Map<String, String> headers, String body, boolean closedAfter) {
    }

    private RawHttp() {
    }

    /** A POST with a Content-Length; with {@code expectContinue}, the body is sent only after a 100 Continue. */
    public static Answer postWithLength(URL base, String path, String token, int bodyBytes, boolean expectContinue) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bodyBytes + "\r\n"
                    + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (expectContinue) {
                Answer interim = read(in);
                if (interim.status() != 100) {
                    return interim;
                }
            }
            try {
                out.write(new byte[bodyBytes]);
                out.flush();
            } catch (SocketException e) {
                // the gateway may stop reading once it has answered; its answer is still to be read
            }
            return read(in);
        }
    }

    /** A POST whose body comes in chunks, with no length announced. */
    public static Answer postChunked(URL base, String path, String token, int bodyBytes) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                int chunk = 8 * 1024;
                for (int sent = 0; sent < bodyBytes; sent += chunk) {
                    int size = Math.min(chunk, bodyBytes - sent);
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[size]);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException e) {
                // answered and closed before the last chunk
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (status == 100) {
            return new Answer(100, headers, "", false);
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (!"close".equalsIgnoreCase(headers.get("connection"))) {
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), false);
        }
        boolean closed;
        try {
            closed = in.read() == -1;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (SocketException e) {
            closed = true;
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), closed);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed before an answer");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
