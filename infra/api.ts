// The HTTP API: one route per entry of the route table, partner routes behind the JWT authorizer.
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type CorsPreflightOptions,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routes, type FunctionGroup, type RouteDef } from '../shared/routes/index.js';
import type { GroupFunctions } from './functions.js';

export interface ApiProps {
  issuer: string;
  audience: string[];
  allowedOrigins: string[];
}

// Request metadata only: no headers (so never the Authorization header), bodies or query strings.
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userId: '$context.authorizer.claims.sub',
};

// Far below the account's 10,000 rps so one runaway client cannot take all of the account's Lambda
// concurrency. Each partner's own budget (context partnerRequestsPerMinute, default 500) is enforced in the
// functions (shared/platform/http/partner-budget.ts), and so is each client network's on the public pages
// (context clientPageRequestsPerMinute, default 60, shared/platform/http/client-budget.ts); the public
// relationship link's form has daily limits of its own on top.
const THROTTLE = { rateLimit: 100, burstLimit: 200 };

function cors(allowedOrigins: string[]): CorsPreflightOptions | undefined {
  if (allowedOrigins.length === 0) return undefined;
  const methods = new Set<string>((routes as readonly RouteDef[]).map((r) => r.method));
  return {
    allowOrigins: allowedOrigins,
    allowMethods: [...methods].map((m) => CorsHttpMethod[m as keyof typeof CorsHttpMethod]),
    allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
    exposeHeaders: ['etag', 'location', 'retry-after'],
    maxAge: Duration.hours(1),
  };
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  private readonly partnerAuthorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Reseller partner customer accounts',
      corsPreflight: cors(props.allowedOrigins),
      // The stage below replaces the default one so that it can carry access logs and throttling.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // HttpUserPoolAuthorizer would hard-code amazonaws.com in the issuer; the JWT authorizer takes
    // whichever issuer the identity module built.
    this.partnerAuthorizer = new HttpJwtAuthorizer('PartnerJwt', props.issuer, {
      jwtAudience: props.audience,
      identitySource: ['$request.header.Authorization'],
    });
  }

  /** The API's own URL (the `$default` stage serves at the root), without a trailing slash. */
  get endpoint(): string {
    return this.httpApi.apiEndpoint;
  }

  addRoutes(functions: GroupFunctions): void {
    const integrations = new Map<FunctionGroup, HttpLambdaIntegration>();
    const integrationOf = (group: FunctionGroup): HttpLambdaIntegration => {
      let integration = integrations.get(group);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${group}-integration`, functions[group], {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(group, integration);
      }
      return integration;
    };

    for (const route of routes as readonly RouteDef[]) {
      const isPublic = route.auth.kind === 'public';
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationOf(route.group),
        authorizer: isPublic ? new HttpNoneAuthorizer() : this.partnerAuthorizer,
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `Public by design in shared/routes/index.ts (${route.operationId}: ${route.summary}); it serves no partner data.`,
        });
      }
    }
  }
}
