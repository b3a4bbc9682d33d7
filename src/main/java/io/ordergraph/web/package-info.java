/**
 * The pages Ordergraph serves itself: the staff panel ({@code /panel}) and the guest's page ({@code /join/{code}}).
 * Static files under {@code src/main/resources/static} (plain ES modules and CSS, graphql-ws from its webjar); this
 * package only routes to them and tells the panel how to sign in.
 */
package io.ordergraph.web;
