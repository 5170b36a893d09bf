package org.walle.deploy.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.store.StoreException;
import org.walle.deploy.rollout.IllegalTransitionException;

/**
 * Routes requests to resources and turns every failure into a JSON error {@code {status, error, message}}: 4xx for
 * what the client can fix, 500 (logged) for the rest. Authentication and role checks run before any handler.
 */
public final class ApiHandler extends Handler.Abstract {
    private final List<Route> routes = new ArrayList<>();
    private final AuthService auth;

    public ApiHandler(AuthService auth) {
        this.auth = auth;
    }

    public void add(Route r) {
        routes.add(r);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Route route = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> p = r.match(path);
            if (p != null) {
                pathKnown = true;
                if (r.method().equals(method) || method.equals("HEAD") && r.method().equals("GET")) {
                    route = r;
                    params = p;
                    break;
                }
            }
        }
        Exchange x = new Exchange(request, response, callback, params == null ? Map.of() : params);
        try {
            if (route == null) {
                throw pathKnown ? new ApiException(405, "method_not_allowed", method + " is not allowed on " + path)
                        : new ApiException(404, "not_found", "no endpoint " + method + " " + path);
            }
            if (!route.roles().isEmpty()) {
                var principal = auth.authenticate(request.getHeaders().get("Authorization"));
                AuthService.require(principal, route.roles());
                x.setPrincipal(principal);
            }
            route.handler().handle(x);
        } catch (ApiException e) {
            error(x, e.status(), e.code(), e.getMessage());
        } catch (IllegalTransitionException e) {
            error(x, 409, "illegal_transition", e.getMessage());
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                error(x, 409, "conflict", "already exists: " + e.getMessage());
            } else {
                internal(x, e);
            }
        } catch (IllegalArgumentException e) {
            error(x, 400, "invalid_request", e.getMessage());
        } catch (Exception e) {
            internal(x, e);
        }
        return true;
    }

    private static void internal(Exchange x, Exception e) {
        System.err.println("walle-deploy: internal error on " + x.request.getMethod() + " "
                + Request.getPathInContext(x.request) + ": " + e);
        e.printStackTrace();
        error(x, 500, "internal", "internal server error: " + e.getClass().getSimpleName());
    }

    private static void error(Exchange x, int status, String code, String message) {
        if (x.isDone()) {
            x.callback.failed(new IllegalStateException(message));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", code);
        body.put("message", message);
        if (status == 401) {
            x.response.getHeaders().put("WWW-Authenticate", "Bearer");
        }
        x.json(status, body);
    }
}
