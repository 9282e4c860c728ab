package io.dvbridge.http;

import io.dvbridge.config.DvEnvironment;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One pooled {@link HttpClient} per environment name, built on first use and then reused. */
public final class EnvironmentHttpClients {

    private final Duration connectTimeout;
    private final ConcurrentMap<String, HttpClient> clients = new ConcurrentHashMap<>();

    public EnvironmentHttpClients(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public HttpClient clientFor(DvEnvironment environment) {
        return clients.computeIfAbsent(environment.name(), name -> HttpClients.forEnvironment(environment.tls(), connectTimeout));
    }
}
