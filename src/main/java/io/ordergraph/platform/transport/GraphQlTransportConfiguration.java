package io.ordergraph.platform.transport;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import io.ordergraph.platform.events.EventStream;
import io.ordergraph.platform.security.CorsPolicy;

/**
 * The transports of {@code /graphql}: HTTP (401 for a bad bearer token), graphql-transport-ws (origin check from
 * {@link CorsPolicy}, clean shutdown) and GraphQL-shaped bodies for requests refused before GraphQL runs.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlTransportConfiguration {

	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler) {
		return new GraphQlHttpHandler(webGraphQlHandler) {
			@Override
			protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
				// set by GraphQlAuthInterceptor for an invalid or expired token (RFC 6750)
				if (response.getResponseHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
					return HttpStatus.UNAUTHORIZED;
				}
				return super.selectResponseStatus(response, responseMediaType);
			}
		};
	}

	@Bean
	GraphQlSseHandler graphQlSseHandler(WebGraphQlHandler webGraphQlHandler, GraphQlProperties properties) {
		GraphQlProperties.Sse sse = properties.getHttp().getSse();
		return new GraphQlSseHandler(webGraphQlHandler, sse.getTimeout(), sse.getKeepAlive()) {
			@Override
			public ServerResponse handleRequest(ServerRequest request) throws ServletException {
				// subscriptions are welcome here (see HttpSubscriptionRefusal)
				request.attributes().put(HttpSubscriptionRefusal.STREAMING, Boolean.TRUE);
				return super.handleRequest(request);
			}
		};
	}

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler webGraphQlHandler, GraphQlProperties properties,
			CorsPolicy corsPolicy, JsonMapper jsonMapper, EventStream events,
			@Value("${ordergraph.websocket.shutdown-completion-wait:5s}") Duration completionWait,
			@Value("${ordergraph.websocket.per-message-deflate:false}") boolean perMessageDeflate,
			ApplicationEventPublisher publisher) {
		// graphql-transport-ws messages without an id (connection_ack, pong) carry no "id": null
		JsonMapper json = jsonMapper.rebuild().addMixIn(GraphQlWebSocketMessage.class, OmitNullId.class).build();
		GraphQlProperties.Websocket websocket = properties.getWebsocket();
		return new ShutdownAwareWebSocketHandler(webGraphQlHandler, new JacksonJsonHttpMessageConverter(json),
				websocket.getConnectionInitTimeout(), websocket.getKeepAlive(), corsPolicy.configuration(), json,
				events, completionWait, perMessageDeflate, publisher);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	private abstract static class OmitNullId {

	}

	@Bean
	FilterRegistrationBean<GraphQlErrorPageFilter> graphQlErrorPageFilter(GraphQlProperties properties) {
		FilterRegistrationBean<GraphQlErrorPageFilter> registration = new FilterRegistrationBean<>(
				new GraphQlErrorPageFilter(properties.getHttp().getPath()));
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodylessErrorFilter> graphQlBodylessErrorFilter(GraphQlProperties properties) {
		FilterRegistrationBean<BodylessErrorFilter> registration = new FilterRegistrationBean<>(
				new BodylessErrorFilter());
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns(properties.getHttp().getPath());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
