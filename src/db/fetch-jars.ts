/**
 * `npm run neo4j:fetch`: copies the Neo4j and APOC jars from Maven Central into NEO4J_LIB_DIR
 * (default .neo4j/lib). `npm start` and the tests do this on their own when needed; CI calls it
 * as a separate step so that a download problem shows as such.
 */
import path from 'node:path';
import { loadConfigOrExit } from '../config';
import { ensureNeo4jJars } from './embedded';

const config = loadConfigOrExit();
const libDir = config.neo4j.mode === 'embedded' ? config.neo4j.libDir : path.join(config.rootDir, '.neo4j', 'lib');
ensureNeo4jJars({ libDir, pomPath: path.join(config.rootDir, 'neo4j', 'pom.xml'), log: (m) => console.log(`neo4j: ${m}`) }).then(
  () => console.log(`neo4j: jars ready in ${libDir}`),
  (err) => {
    console.error(`neo4j: ${(err as Error).message}`);
    process.exit(1);
  },
);
