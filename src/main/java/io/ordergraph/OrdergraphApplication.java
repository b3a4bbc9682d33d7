package io.ordergraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OrdergraphApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdergraphApplication.class, args);
	}

}
