import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * SPEC §10, documents customers receive: the store's address, phone, UPI id and logo
 * (`store-logos`, an upload collection whose bytes are kept in `store_logo_files`), and
 * `share-links` (public links to one statement or invoice, kept as the token's SHA-256).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_share_links_document" AS ENUM('statement', 'invoice');
  CREATE TABLE "store_logos" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "share_links" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"store_id" integer NOT NULL,
  	"document" "enum_share_links_document" NOT NULL,
  	"document_id" numeric NOT NULL,
  	"customer_id" integer NOT NULL,
  	"token_hash" varchar NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"revoked_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "stores" ADD COLUMN "address" varchar;
  ALTER TABLE "stores" ADD COLUMN "phone" varchar;
  ALTER TABLE "stores" ADD COLUMN "upi_id" varchar;
  ALTER TABLE "stores" ADD COLUMN "logo_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "store_logos_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "share_links_id" integer;
  ALTER TABLE "store_logos" ADD CONSTRAINT "store_logos_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "share_links" ADD CONSTRAINT "share_links_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "share_links" ADD CONSTRAINT "share_links_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "share_links" ADD CONSTRAINT "share_links_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "store_logos_store_idx" ON "store_logos" USING btree ("store_id");
  CREATE INDEX "store_logos_updated_at_idx" ON "store_logos" USING btree ("updated_at");
  CREATE INDEX "store_logos_created_at_idx" ON "store_logos" USING btree ("created_at");
  CREATE UNIQUE INDEX "store_logos_filename_idx" ON "store_logos" USING btree ("filename");
  CREATE INDEX "share_links_store_idx" ON "share_links" USING btree ("store_id");
  CREATE INDEX "share_links_customer_idx" ON "share_links" USING btree ("customer_id");
  CREATE UNIQUE INDEX "share_links_token_hash_idx" ON "share_links" USING btree ("token_hash");
  CREATE INDEX "share_links_created_by_idx" ON "share_links" USING btree ("created_by_id");
  CREATE INDEX "share_links_updated_at_idx" ON "share_links" USING btree ("updated_at");
  CREATE INDEX "share_links_created_at_idx" ON "share_links" USING btree ("created_at");
  ALTER TABLE "stores" ADD CONSTRAINT "stores_logo_id_store_logos_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."store_logos"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_store_logos_fk" FOREIGN KEY ("store_logos_id") REFERENCES "public"."store_logos"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_share_links_fk" FOREIGN KEY ("share_links_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "stores_logo_idx" ON "stores" USING btree ("logo_id");
  CREATE INDEX "payload_locked_documents_rels_store_logos_id_idx" ON "payload_locked_documents_rels" USING btree ("store_logos_id");
  CREATE INDEX "payload_locked_documents_rels_share_links_id_idx" ON "payload_locked_documents_rels" USING btree ("share_links_id");

  -- The logo's bytes live in the database, so every app instance can serve them.
  CREATE TABLE "store_logo_files" (
  	"logo_id" integer PRIMARY KEY NOT NULL REFERENCES "public"."store_logos"("id") ON DELETE cascade,
  	"data" bytea NOT NULL,
  	CONSTRAINT "store_logo_files_size" CHECK (octet_length("data") <= 1000000)
  );
  ALTER TABLE "share_links" ADD CONSTRAINT "share_links_token_hash_sha256" CHECK ("token_hash" ~ '^[0-9a-f]{64}$');
  ALTER TABLE "share_links" ADD CONSTRAINT "share_links_document_id_whole" CHECK ("document_id" > 0 AND "document_id" = trunc("document_id"));`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE IF EXISTS "store_logo_files";
  ALTER TABLE "store_logos" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "share_links" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "store_logos" CASCADE;
  DROP TABLE "share_links" CASCADE;
  ALTER TABLE "stores" DROP CONSTRAINT "stores_logo_id_store_logos_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_store_logos_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_share_links_fk";
  
  DROP INDEX "stores_logo_idx";
  DROP INDEX "payload_locked_documents_rels_store_logos_id_idx";
  DROP INDEX "payload_locked_documents_rels_share_links_id_idx";
  ALTER TABLE "stores" DROP COLUMN "address";
  ALTER TABLE "stores" DROP COLUMN "phone";
  ALTER TABLE "stores" DROP COLUMN "upi_id";
  ALTER TABLE "stores" DROP COLUMN "logo_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "store_logos_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "share_links_id";
  DROP TYPE "public"."enum_share_links_document";`)
}
