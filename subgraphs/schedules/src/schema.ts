import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { buildSubgraphSchema } from '../../shared/graphql/build-subgraph-schema';
import { CustomerPlansResolver, PlanResolver } from './plan/plan.resolver';
import { planReferences } from './plan/plan.reference';
import {
  InstallmentExplainResolver,
  PlanScheduleResolver,
  ServicingResolver,
} from './servicing/servicing.resolver';
import type { SchedulesContext } from './context';
import { ServicingActionResolver } from './servicing-actions/servicing-action.resolver';

/** The schedules subgraph schema (Federation 2). */
export function buildSchedulesSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  return buildSubgraphSchema({
    resolvers: [
      PlanResolver,
      CustomerPlansResolver,
      ServicingResolver,
      PlanScheduleResolver,
      InstallmentExplainResolver,
      ServicingActionResolver,
    ],
    references: planReferences,
    container: ({ context }) => (context as SchedulesContext).container,
    pubSub,
    validate: true,
  });
}
