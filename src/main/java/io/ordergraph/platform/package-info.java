/**
 * Shared infrastructure every module builds on: security (callers, tokens), GraphQL conventions (errors, ids,
 * connections, limits), the embedded database and events. Open: its subpackages are API for all modules; it depends
 * on no module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.ordergraph.platform;

import org.springframework.modulith.ApplicationModule;
