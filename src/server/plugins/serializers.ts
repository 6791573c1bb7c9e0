import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

/**
 * Fastify's own response serializers (fast-json-stringify, with the same shared schemas and
 * options), each compiled when its route first answers with that status instead of when the server
 * starts. Compiling every route's took a second of the start's CPU on two cores, before `/ready`;
 * a server's first minutes ask a handful of the routes. A schema fast-json-stringify cannot compile
 * still fails: at that route's first answer, which the route tests give every route.
 */
export function lazySerializers(): Factory {
  const select = SerializerSelector();
  return ((externalSchemas: never, options: never) => {
    const compile = select(externalSchemas, options);
    return (route: Parameters<typeof compile>[0]) => {
      let serialize: ReturnType<typeof compile> | undefined;
      return (data: unknown) => (serialize ??= compile(route))(data);
    };
  }) as unknown as Factory;
}
