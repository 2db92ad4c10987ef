package dev.attached.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test plumbing, not part of the sample: answers {@code /health/*} on the application's port with what WildFly serves
 * on its management port (the environment variable {@code ATTACHED_SAMPLE_HEALTH_URL}), where the sample's
 * integration test looks for it as it does on Open Liberty.
 */
@WebServlet("/health/*")
public class ManagementHealth extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpClient http = HttpClient.newHttpClient();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            HttpResponse<byte[]> health = http.send(
                    HttpRequest.newBuilder(URI.create(System.getenv("ATTACHED_SAMPLE_HEALTH_URL") + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.setStatus(health.statusCode());
            response.setContentType("application/json");
            response.getOutputStream().write(health.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
