package dev.attached.tck.payara.deployer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs inside the Payara Micro server the TCK shares between its test classes: deploys the WAR PUT to
 * {@code /apps/<name>} at context root {@code /<name>} ({@code /} for {@value #ROOT}, as Payara Micro deploys a
 * {@code ROOT.war}), and undeploys it on DELETE, through Payara Micro's own
 * runtime API ({@code PayaraMicro.getInstance().getRuntime()}, reached by reflection so the runner needs no Payara
 * jar to compile). A failed deployment answers 500 with the exceptions the server logged while deploying, one per
 * line, so the client can rebuild the cause a test expects ({@code @ShouldThrowException}).
 */
@WebServlet("/apps/*")
public class DeployerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The name of the application served at the root context. */
    public static final String ROOT = "ROOT";

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = name(request);
        List<Throwable> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (InputStream war = request.getInputStream()) {
            invoke("deploy", new Class<?>[]{String.class, String.class, InputStream.class}, name,
                    ROOT.equals(name) ? "/" : name, war);
        } finally {
            root.removeHandler(capture);
        }
        if (deployed().contains(name)) {
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(FailureReport.write(logged).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = name(request);
        if (deployed().contains(name)) {
            invoke("undeploy", new Class<?>[]{String.class}, name);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(String.join("\n", deployed()).getBytes(StandardCharsets.UTF_8));
    }

    private static String name(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || !path.matches("/[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("expected /apps/<name>, got " + path);
        }
        return path.substring(1);
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> deployed() {
        return (Collection<String>) invoke("getDeployedApplicationNames", new Class<?>[0]);
    }

    private static Object invoke(String method, Class<?>[] types, Object... arguments) {
        try {
            Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
            Object runtime = micro.getMethod("getRuntime").invoke(micro.getMethod("getInstance").invoke(null));
            Method call = Class.forName("fish.payara.micro.PayaraMicroRuntime").getMethod(method, types);
            return call.invoke(runtime, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Payara Micro's " + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Payara Micro's runtime API is not reachable", e);
        }
    }
}
