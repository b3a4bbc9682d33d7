package io.ordergraph.platform.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Guards against expensive requests.
 * @param maxDepth deepest field nesting a query may have
 * @param maxComplexity highest complexity (one per field) a query may have
 * @param maxAliases most aliases a document may use
 * @param maxDocumentLength longest query document, in characters
 * @param maxRequestBytes largest HTTP request body on /graphql
 */
@ConfigurationProperties("ordergraph.graphql")
public record GraphQlLimits(int maxDepth, int maxComplexity, int maxAliases, int maxDocumentLength,
		long maxRequestBytes) {

	public GraphQlLimits {
		maxDepth = maxDepth > 0 ? maxDepth : 15;
		maxComplexity = maxComplexity > 0 ? maxComplexity : 2000;
		maxAliases = maxAliases > 0 ? maxAliases : 30;
		maxDocumentLength = maxDocumentLength > 0 ? maxDocumentLength : 20_000;
		maxRequestBytes = maxRequestBytes > 0 ? maxRequestBytes : 100_000;
	}

}
