import Link from "next/link";
import { formatDateTime } from "@/lib/format.ts";
import type { Customer } from "@/lib/generated/prisma/client.ts";

type CustomerRow = Pick<Customer, "id" | "name" | "email" | "phone" | "company" | "createdAt">;

/** Customers as the lists show them: the name opens the record. */
export function CustomerTable({ customers }: { customers: CustomerRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Phone</th>
            <th>Company</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((c) => (
            <tr key={c.id}>
              <td data-label="Name">
                <Link href={`/customers/${c.id}`}>{c.name}</Link>
              </td>
              <td data-label="Email">{c.email ?? "—"}</td>
              <td data-label="Phone">{c.phone ?? "—"}</td>
              <td data-label="Company">{c.company ?? "—"}</td>
              <td data-label="Created">{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
