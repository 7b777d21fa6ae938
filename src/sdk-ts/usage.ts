// An integration written against the generated TypeScript SDK. It is compiled with `tsc --strict` in every
// build (never run there): the point is that the SDK's types say what the API answers, nulls included.
import {
  Configuration,
  OAuthApi,
  OrdersApi,
  InventoryApi,
  Order,
  OrderPage,
  Problem,
  ProblemFromJSON,
  RequestTokenGrantTypeEnum,
  ResponseError,
  StockLevel,
} from '../../target/generated-sdk/typescript/src';

export async function placeReadAndPage(
  basePath: string,
  clientId: string,
  clientSecret: string,
): Promise<string[]> {
  const token = await new OAuthApi(new Configuration({ basePath })).requestToken({
    grantType: RequestTokenGrantTypeEnum.ClientCredentials,
    clientId,
    clientSecret,
    scope: 'orders:read orders:write inventory:read',
  });
  const config = new Configuration({ basePath, accessToken: token.accessToken });
  const orders = new OrdersApi(config);

  const level: StockLevel = await new InventoryApi(config).getStockLevel({ sku: 'BOLT-M8' });
  const available: number = level.available;

  const placed = await orders.createOrderRaw({
    idempotencyKey: 'po-2026-0042',
    createOrderRequest: {
      externalRef: 'PO-2026-0042',
      priority: 'normal',
      lines: [{ sku: 'BOLT-M8', quantity: Math.min(available, 1200) }],
    },
  });
  const replayed: boolean = placed.raw.headers.get('Idempotent-Replayed') === 'true';
  const etag: string | null = placed.raw.headers.get('ETag');
  const order: Order = await placed.value();
  const total: string = order.total;
  const line2: string | null | undefined = order.shipTo?.line2;
  const notes: string | null = order.notes;

  try {
    await orders.cancelOrder({ id: order.id, ifMatch: etag ?? '"0"' });
  } catch (e) {
    if (e instanceof ResponseError && e.response.status === 412) {
      const problem: Problem = ProblemFromJSON(await e.response.json());
      const code: string = problem.code;
      const traceId: string | undefined = problem.traceId;
      console.warn(code, traceId);
    } else {
      throw e;
    }
  }

  const refs: string[] = [];
  let cursor: string | undefined;
  do {
    const page: OrderPage = await orders.listOrders({ limit: 50, cursor });
    page.items.forEach((o) => refs.push(o.externalRef ?? o.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  console.info(replayed, total, line2, notes);
  return refs;
}
