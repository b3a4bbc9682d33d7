package io.ordergraph.platform.limits;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A document repeated by clients is parsed and validated once; refused documents are never handed on. */
class DocumentCacheTests {

	private final DocumentLimits documents = new DocumentLimits(new LimitsProperties(null, null, null, null, null,
			null, null, 3, null, null, null, null, null, null));

	private final AtomicInteger parsed = new AtomicInteger();

	private final Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate = input -> {
		parsed.incrementAndGet();
		return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
	};

	private PreparsedDocumentEntry get(String query) {
		return documents.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), parseAndValidate).join();
	}

	@Test
	void aRepeatedDocumentIsParsedAndValidatedOnce() {
		PreparsedDocumentEntry first = get("{ products(first: 50) { edges { node { id name } } } }");
		PreparsedDocumentEntry again = get("{ products(first: 50) { edges { node { id name } } } }");
		assertThat(parsed).hasValue(1);
		assertThat(again).isSameAs(first);
		get("{ products(first: 10) { edges { node { id } } } }");
		assertThat(parsed).hasValue(2);
	}

	@Test
	void aDocumentOverTheLimitsIsRefusedEveryTimeWithoutValidation() {
		String fragments = "{ ...a } fragment a on Query { ...b } fragment b on Query { ...c } "
				+ "fragment c on Query { ...d } fragment d on Query { __typename }";
		for (int i = 0; i < 2; i++) {
			PreparsedDocumentEntry refused = get(fragments);
			assertThat(refused.hasErrors()).isTrue();
			assertThat(refused.getErrors().get(0).getMessage()).contains("4 fragments");
		}
		assertThat(parsed).hasValue(0);
	}

	@Test
	void theCacheStaysBounded() {
		for (int i = 0; i < DocumentLimits.CACHED_DOCUMENTS * 2 + 5; i++) {
			get("{ a" + i + ": __typename }");
		}
		int before = parsed.get();
		get("{ a0: __typename }");
		// long evicted, so parsed again: the cache never grew past its bound
		assertThat(parsed.get()).isEqualTo(before + 1);
	}

}
