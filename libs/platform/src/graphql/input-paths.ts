import { ASTNode, DocumentNode, GraphQLFormattedError, Kind, OperationDefinitionNode, visit } from 'graphql';

/**
 * Where each input value of an operation sits, as the dotted path a BAD_USER_INPUT `field` names:
 * from the argument (`input`, `first`) through object fields and list indexes (`input.lines.0.quantity`).
 */
interface InputPositions {
  /** Variable name -> the path of the argument value it is used in (its first use). */
  variables: Map<string, string>;
  /** Start offset of a value or object-field node in the source -> its path. */
  nodes: Map<number, string>;
}

function inputPositions(document: DocumentNode, operation?: OperationDefinitionNode): InputPositions {
  const variables = new Map<string, string>();
  const nodes = new Map<number, string>();
  const path: string[] = [];
  const roots: ASTNode[] = [...(operation ? [operation] : document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)), ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  const at = (node: ASTNode) => {
    if (node.loc && path.length > 0) nodes.set(node.loc.start, path.join('.'));
  };
  for (const root of roots) {
    visit(root, {
      // Variables declared by the operation are not uses of them.
      VariableDefinition: () => false,
      Directive: () => false,
      Argument: {
        enter(node) {
          path.push(node.name.value);
          at(node.value);
        },
        leave() {
          path.pop();
        },
      },
      ObjectField: {
        enter(node) {
          path.push(node.name.value);
          at(node);
          at(node.value);
        },
        leave() {
          path.pop();
        },
      },
      ListValue: {
        enter(node) {
          // Each element's index is pushed while it is visited.
          node.values.forEach((value, index) => {
            path.push(String(index));
            at(value);
            path.pop();
          });
        },
      },
      Variable(node) {
        if (path.length > 0 && !variables.has(node.name.value)) variables.set(node.name.value, path.join('.'));
      },
    });
  }
  return { variables, nodes };
}

/** The offset in `body` of a 1-based line and column. */
function offsetOf(body: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = body.indexOf('\n', offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset + column - 1;
}

/**
 * Rewrites the `field` of BAD_USER_INPUT errors to name the argument path rather than the client's
 * variable (`i.priceFen` -> `input.priceFen` for `input: $i`), and gives errors about a literal in the
 * query text (which carry only a location) the path of that literal.
 */
export function nameInputFields(errors: GraphQLFormattedError[], document: DocumentNode | undefined, operation?: OperationDefinitionNode): void {
  if (!document) return;
  let positions: InputPositions | undefined;
  for (const error of errors) {
    const extensions = error.extensions as Record<string, unknown> | undefined;
    if (!extensions || extensions.code !== 'BAD_USER_INPUT') continue;
    positions ??= inputPositions(document, operation);
    const field = extensions.field;
    if (typeof field === 'string' && /^Variable "\$/.test(error.message)) {
      const [variable, ...rest] = field.split('.');
      const argumentPath = positions.variables.get(variable);
      if (argumentPath) extensions.field = [argumentPath, ...rest].join('.');
    } else if (field === undefined && error.locations?.length && document.loc) {
      const { line, column } = error.locations[0];
      const found = positions.nodes.get(offsetOf(document.loc.source.body, line, column));
      if (found) extensions.field = found;
    }
  }
}
