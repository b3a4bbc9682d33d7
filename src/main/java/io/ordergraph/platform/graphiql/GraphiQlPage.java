package io.ordergraph.platform.graphiql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * GraphiQL served entirely by us: our page and script, React, GraphiQL and graphql-ws from their webjars, nothing from
 * a CDN. It answers at {@code spring.graphql.graphiql.path} whenever {@code spring.graphql.graphiql.enabled} is on
 * (by default only in embedded mode, see {@code ProductionDefaults}); its route comes before Spring for GraphQL's own
 * page on the same path, which therefore never answers. Off, nothing under that path exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiQlPage {

	/** Webjar files the page loads, by the name it loads them under. */
	private static final Map<String, String[]> VENDOR = vendorFiles();

	private static Map<String, String[]> vendorFiles() {
		Map<String, String[]> files = new LinkedHashMap<>();
		files.put("react.js", new String[] { "react", "umd/react.production.min.js" });
		files.put("react-dom.js", new String[] { "react-dom", "umd/react-dom.production.min.js" });
		files.put("graphiql.js", new String[] { "graphiql", "graphiql.min.js" });
		files.put("graphiql.css", new String[] { "graphiql", "graphiql.min.css" });
		files.put("graphql-ws.js", new String[] { "graphql-ws", "umd/graphql-ws.min.js" });
		return files;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphiQlRoutes(GraphQlProperties properties) {
		String path = properties.getGraphiql().getPath();
		String page = template();
		String websocket = properties.getWebsocket().getPath();
		HandlerFunction<ServerResponse> index = request -> {
			String context = request.requestPath().contextPath().value();
			return ServerResponse.ok()
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				// absolute paths, right at /graphiql and at /graphiql/ alike
				.body(page.replace("@base@", HtmlUtils.htmlEscape(context + path))
					.replace("@http@", HtmlUtils.htmlEscape(context + properties.getHttp().getPath()))
					.replace("@websocket@", (websocket != null) ? HtmlUtils.htmlEscape(context + websocket) : ""));
		};
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET(path, index)
			.GET(path + "/", index)
			.GET(path + "/graphiql-page.js", request -> asset(own("graphiql-page.js")))
			.GET(path + "/graphiql-page.css", request -> asset(own("graphiql-page.css")));
		VENDOR.forEach((name, file) -> {
			Resource resource = webjar(file[0], file[1]);
			routes.GET(path + "/vendor/" + name, request -> asset(resource));
		});
		return routes.build();
	}

	private static String template() {
		try (InputStream in = own("index.html").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ServerResponse asset(Resource resource) {
		String name = resource.getFilename();
		MediaType type = (name != null && name.endsWith(".css")) ? new MediaType("text", "css", StandardCharsets.UTF_8)
				: new MediaType("text", "javascript", StandardCharsets.UTF_8);
		return ServerResponse.ok().contentType(type).body(resource);
	}

	private static Resource own(String name) {
		return new ClassPathResource("graphiql/" + name);
	}

	/** A file of a webjar on the classpath, at the version the build put there (read from the webjar itself). */
	static Resource webjar(String artifact, String file) {
		Properties pom = new Properties();
		String location = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			pom.load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The webjar org.webjars.npm:" + artifact + " is not on the classpath", ex);
		}
		Resource resource = new ClassPathResource(
				"META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file);
		if (!resource.exists()) {
			throw new IllegalStateException("The webjar org.webjars.npm:" + artifact + " has no " + file);
		}
		return resource;
	}

}
